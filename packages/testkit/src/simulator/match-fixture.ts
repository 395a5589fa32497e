import type { AdapterFixture } from '../conformance/fixture';

/** Looks like an object id (`cus_FAKE0001`, `42`, `C012AB3CD`): matched loosely against another id. */
const ID_LIKE = /\d|^[a-z]+_[A-Za-z0-9]+$/;

/**
 * Query parameters that select which page of a list is answered; a fixture recorded for one page
 * never answers a request for another (that would hand a paginating client page 1 forever).
 * GitHub `page` (docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api),
 * Slack `cursor` (docs.slack.dev/apis/web-api/pagination), Stripe `starting_after` and
 * `ending_before` (docs.stripe.com/api/pagination).
 */
const PAGE_PARAMS: readonly string[] = ['page', 'cursor', 'starting_after', 'ending_before'];

/**
 * The success fixture that best answers a request without `x-rosetta-simulate`: same method and
 * the same page (every {@link PAGE_PARAMS} entry equal, absent meaning the first page), then the
 * same path and query, else the same path, else the same path with id-like segments
 * (`cus_FAKE0001`, `42`) standing for any other id-like segment. Queries compare decoded and in
 * any order. Undefined when none fits.
 *
 * @example
 * matchFixture(fixtures, 'GET', '/v1/customers/cus_123'); // success-customer-retrieve
 * matchFixture(fixtures, 'GET', '/v1/customers?limit=2&starting_after=cus_FAKE0002'); // that page, not page 1
 */
export function matchFixture(
  fixtures: readonly AdapterFixture[],
  method: string,
  target: string,
): AdapterFixture | undefined {
  const [path, query = ''] = splitTarget(target);
  const params = new URLSearchParams(query);
  let best: AdapterFixture | undefined;
  let bestScore = 0;
  for (const fixture of fixtures) {
    if (fixture.expected !== null || fixture.request.method.toUpperCase() !== method) continue;
    const [fixturePath, fixtureQuery = ''] = splitTarget(fixture.request.path);
    const pathScore = fixturePath === path ? 2 : loosePathMatch(fixturePath, path) ? 1 : 0;
    const fixtureParams = new URLSearchParams(fixtureQuery);
    if (pathScore === 0 || !samePage(fixtureParams, params)) continue;
    const score = 2 * pathScore + (sameQuery(fixtureParams, params) ? 1 : 0);
    if (score > bestScore) {
      best = fixture;
      bestScore = score;
    }
  }
  return best;
}

/**
 * The body a provider would send for a success no fixture describes: `[]` when its success
 * fixtures answer lists, else an object keeping only their top-level booleans (Slack's `ok: true`,
 * without which a Slack answer is not a success).
 *
 * @example
 * successSkeleton(slackFixtures); // { ok: true }
 */
export function successSkeleton(fixtures: readonly AdapterFixture[]): unknown {
  const sample = fixtures.find(
    (f) => f.expected === null && f.response.body !== undefined && typeof f.response.body === 'object',
  )?.response.body;
  if (Array.isArray(sample)) return [];
  const skeleton: Record<string, boolean> = {};
  if (sample !== null && typeof sample === 'object') {
    for (const [key, value] of Object.entries(sample)) if (typeof value === 'boolean') skeleton[key] = value;
  }
  return skeleton;
}

function splitTarget(target: string): [string, string | undefined] {
  const at = target.indexOf('?');
  return at === -1 ? [target, undefined] : [target.slice(0, at), target.slice(at + 1)];
}

function samePage(a: URLSearchParams, b: URLSearchParams): boolean {
  return PAGE_PARAMS.every((name) => a.getAll(name).join('\n') === b.getAll(name).join('\n'));
}

function sameQuery(a: URLSearchParams, b: URLSearchParams): boolean {
  const sorted = (params: URLSearchParams): string =>
    JSON.stringify([...params].map((pair) => JSON.stringify(pair)).sort());
  return sorted(a) === sorted(b);
}

function loosePathMatch(fixturePath: string, path: string): boolean {
  const a = fixturePath.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return false;
  return a.every((segment, i) => {
    const other = b[i] as string;
    return segment === other || (ID_LIKE.test(segment) && ID_LIKE.test(other));
  });
}
