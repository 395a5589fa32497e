const REQUEST_ID_HEADERS = ['request-id', 'x-github-request-id', 'x-slack-req-id', 'x-request-id'];

/**
 * The one response header that tells most about what happened: a wait hint, a spent rate-limit
 * window, Stripe's retry verdict, the permission GitHub wanted, a non-JSON content type, else the
 * request id. `—` when there is none.
 *
 * @example
 * tellingHeader({ 'retry-after': '30', 'x-slack-req-id': 'r1' }); // 'retry-after: 30'
 */
export function tellingHeader(headers: Readonly<Record<string, string>>): string {
  const get = (name: string): string | undefined => headers[name];
  const show = (name: string): string => `${name}: ${get(name) ?? ''}`;
  const retryAfter = get('retry-after');
  if (retryAfter !== undefined) return show('retry-after');
  if (get('x-ratelimit-remaining') === '0') {
    const reset = Number(get('x-ratelimit-reset'));
    const inSeconds = Number.isFinite(reset) ? Math.max(0, Math.floor(reset - Date.now() / 1000)) : undefined;
    return `x-ratelimit-remaining: 0${inSeconds === undefined ? '' : `, reset in ${inSeconds} s`}`;
  }
  for (const name of ['stripe-should-retry', 'x-accepted-github-permissions']) {
    if (get(name) !== undefined) return show(name);
  }
  const type = get('content-type');
  if (type !== undefined && !/json/i.test(type)) return show('content-type');
  const id = REQUEST_ID_HEADERS.find((name) => get(name) !== undefined);
  return id === undefined ? '—' : show(id);
}

/**
 * A short excerpt of a body that keeps what identifies the error: Slack's `error`, Stripe's
 * `error.code`/`type`, a `message`, GraphQL's first `errors[].type`; an HTML page's title;
 * compact JSON for anything else.
 *
 * @example
 * bodyExcerpt({ ok: false, error: 'channel_not_found' }); // 'ok:false error:"channel_not_found"'
 */
export function bodyExcerpt(body: unknown): string {
  if (body === undefined || body === null || body === '') return '(empty)';
  if (typeof body === 'string') {
    const title = /<title>([^<]*)<\/title>/i.exec(body)?.[1];
    return title === undefined ? JSON.stringify(body) : `HTML "${title.trim()}"`;
  }
  if (typeof body !== 'object') return JSON.stringify(body);
  const o = body as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof o.ok === 'boolean') parts.push(`ok:${o.ok}`);
  if (typeof o.error === 'string') parts.push(`error:${JSON.stringify(o.error)}`);
  const nested = typeof o.error === 'object' && o.error !== null ? (o.error as Record<string, unknown>) : undefined;
  if (nested !== undefined) {
    // Stripe: the code says most; the type only when there is no code.
    const keys = typeof nested.code === 'string' ? ['code', 'decline_code'] : ['type'];
    for (const key of keys) {
      if (typeof nested[key] === 'string') parts.push(`${key}:${JSON.stringify(nested[key])}`);
    }
  }
  const first = Array.isArray(o.errors) ? (o.errors[0] as Record<string, unknown> | undefined) : undefined;
  if (typeof o.message === 'string') parts.push(`message:${JSON.stringify(o.message)}`);
  if (first !== undefined && typeof first === 'object') {
    const detail = first.type ?? first.code ?? first.message;
    if (typeof detail === 'string') parts.push(`errors[0]:${JSON.stringify(detail)}`);
  }
  return parts.length > 0 ? parts.join(' ') : JSON.stringify(body);
}
