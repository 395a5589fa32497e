// A link-paginated provider whose pages answer late, for tests of deadlines and aborts during a walk.

/**
 * A fetch serving pages 1..`last` of `https://api.gh.test/items`, each answered `ms` after it is sent (a `Link` to the
 * next page on all but the last), honouring the request's signal. `note` hears each send and each abort.
 */
export function slowPages(
  ms: number,
  last: number,
  note: (event: 'page' | 'abort', page: number) => void,
): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const page = Number(url.searchParams.get('page') ?? '1');
    note('page', page);
    return new Promise<Response>((resolve, reject) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      const timer = setTimeout(() => {
        const link = page < last ? { link: `<https://api.gh.test/items?page=${page + 1}>; rel="next"` } : undefined;
        resolve(Response.json([page], { headers: { ...link } }));
      }, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        note('abort', page);
        reject(signal.reason);
      });
    });
  }) as typeof fetch;
}
