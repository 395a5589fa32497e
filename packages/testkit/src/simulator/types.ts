import type { AdapterFixture } from '../conformance/fixture';

/**
 * Whose rate-limit conventions a simulated provider follows:
 *
 * | style | on every answer | when the window is spent |
 * | --- | --- | --- |
 * | `github` | `x-ratelimit-limit/-remaining/-used/-reset` (epoch seconds), `x-ratelimit-resource` | 403, `x-ratelimit-remaining: 0`, primary-rate-limit body |
 * | `slack` | nothing | 429, `Retry-After` seconds, `{ ok: false, error: 'ratelimited' }` |
 * | `stripe` | nothing | 429, `rate_limit` error body, no hint at all |
 * | `generic` | `x-ratelimit-limit/-remaining/-reset` (seconds until the reset) | 429, `Retry-After` seconds |
 */
export type RateLimitStyle = 'github' | 'slack' | 'stripe' | 'generic';

/** A fixed window of `limit` requests per `windowMs`, windows aligned on multiples of `windowMs` since the epoch. */
export interface SimulatedRateLimit {
  readonly style: RateLimitStyle;
  /** Requests allowed per window. */
  readonly limit: number;
  /**
   * Window length. A multiple of 1 000 keeps second-based reset headers exact.
   * @example 1_000
   */
  readonly windowMs: number;
}

/** Which requests a limit counts: all of them when both fields are left out. */
export interface SimulatedRoute {
  /** Upper-case HTTP method, e.g. `POST`. */
  readonly method?: string;
  /** Path prefix inside the provider, e.g. `/graphql` or `/search/`. */
  readonly pathPrefix?: string;
}

/** A window size: `limit` requests (or points) per `windowMs`. */
export interface SimulatedWindow {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * GitHub: a fixed window per resource, chosen by path (`/search/code` -> `code_search`,
 * `/search/*` -> `search`, `/graphql` -> `graphql`, else `core`); `x-ratelimit-*` on every answer;
 * an exhausted REST resource answers `status` with remaining 0 and no `retry-after`, an exhausted
 * `graphql` answers 200 with a `RATE_LIMITED` error. The optional secondary limit counts points
 * per endpoint (GET 1, other methods 5) and answers `status` with `retry-after`.
 */
export interface GithubLimitModel {
  readonly model: 'github';
  /** Resources left out are not limited. */
  readonly resources: Readonly<Partial<Record<'core' | 'search' | 'code_search' | 'graphql', SimulatedWindow>>>;
  /** @default 403 */
  readonly status?: 403 | 429;
  readonly secondary?: { readonly points: number; readonly windowMs: number; readonly status?: 403 | 429 };
  readonly route?: SimulatedRoute;
}

/** Slack: a sliding window per method (path), no state headers, 429 + `Retry-After` seconds + `ratelimited`. */
export interface SlackLimitModel extends SimulatedWindow {
  readonly model: 'slack';
  readonly route?: SimulatedRoute;
}

/** Shopify REST: a leaky bucket of requests, `X-Shopify-Shop-Api-Call-Limit: 32/40`, 429 + `Retry-After: 2.0`. */
export interface ShopifyRestLimitModel {
  readonly model: 'shopify-rest';
  /** @example 40 */
  readonly capacity: number;
  /** @example 2 */
  readonly leakPerSec: number;
  /**
   * The 429's `Retry-After`, seconds (sent with one decimal, as Shopify does).
   * @default 2
   */
  readonly retryAfterSec?: number;
  readonly route?: SimulatedRoute;
}

/**
 * Shopify GraphQL: a leaky bucket of query cost points. Requested cost = 2 + `variables.first`
 * (1 without it), charged up front; actual = 2 + `first * actualShare` (rounded up), the difference
 * refunded. Throttled queries answer **200** with `errors[].extensions.code: "THROTTLED"`; every
 * answer carries `extensions.cost` with `throttleStatus`.
 */
export interface ShopifyGraphqlLimitModel {
  readonly model: 'shopify-graphql';
  /** @example 1_000 */
  readonly maximumAvailable: number;
  /** Points per second. @example 50 */
  readonly restoreRate: number;
  /** @default 1 */
  readonly actualShare?: number;
  readonly route?: SimulatedRoute;
}

/** A concurrency cap the provider does not disclose: every admitted answer takes `serviceMs`; 429 beyond `maxInFlight`. */
export interface ConcurrencyLimitModel {
  readonly model: 'concurrency';
  readonly maxInFlight: number;
  readonly serviceMs: number;
  readonly route?: SimulatedRoute;
}

/** HubSpot: a daily quota (fixed window of `daily.windowMs`) plus an optional rolling burst window; 429 with `policyName`. */
export interface HubspotLimitModel {
  readonly model: 'hubspot';
  readonly daily: SimulatedWindow;
  /** HubSpot's `TEN_SECONDLY_ROLLING` window (100 per 10 s on Free/Starter). */
  readonly burst?: SimulatedWindow;
  readonly route?: SimulatedRoute;
}

/** Stripe: a token bucket per account, 429 `rate_limit` with no headers and no hint. */
export interface StripeLimitModel {
  readonly model: 'stripe';
  readonly ratePerSec: number;
  readonly burst: number;
  readonly route?: SimulatedRoute;
}

/**
 * How a {@link WindowedMeter} counts:
 *
 * - `fixed`: `limit` requests per window, windows aligned on multiples of `windowMs` since the epoch (a daily quota
 *   reset at UTC midnight is `fixed` with `windowMs: 86_400_000`);
 * - `sliding`: at most `limit` requests in any `windowMs` (no phase a client could learn; a rolling 24-hour
 *   allocation is `sliding` with `windowMs: 86_400_000`);
 * - `token`: a bucket of `limit` tokens refilled continuously at `limit` per `windowMs` (100 per second with a
 *   burst of 10 is `limit: 10, windowMs: 100`).
 */
export type WindowKind = 'fixed' | 'sliding' | 'token';

/**
 * An answer whose header values are templates: `{name}` is replaced by the meter's reading. Names: `limit`,
 * `remaining`, `used`, `resetSeconds` (whole seconds until the reset, rounded up), `resetEpochSeconds`, `resetEpochMs`
 * (as Linear sends it), `resetIso` (ISO-8601 without milliseconds), `retryAfterSeconds` (whole seconds until one more
 * request fits, at least 1) and `retryAfterExact` (the same with three decimals, as Microsoft Graph sends it);
 * `{resetSeconds:N}` and `{retryAfterSeconds:N}` state them to 1/N of a second, for a model N times faster than the
 * provider (a minute run in a second: `:60`). Unknown names stay as written.
 */
export interface TemplatedAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Parsed JSON, or a string sent as it is. */
  readonly body?: unknown;
}

/** One counter of a {@link WindowedLimitModel}: its numbers, the state headers it writes and its refusal. */
export interface WindowedMeter {
  /** Its name in the stats' `refusedBy`, e.g. `DAILY` or `TotalRequests`. */
  readonly name: string;
  readonly window: WindowKind;
  /** Requests per window, or the token bucket's size. */
  readonly limit: number;
  readonly windowMs: number;
  /**
   * One counter per request path (Slack's per-method limits), else one for all the limit's requests.
   * @default false
   */
  readonly perPath?: boolean;
  /** State headers written on every answer this meter sees, admitted or refused (templates). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The provider's answer when this meter refuses; its headers are written over the state headers. */
  readonly refusal: TemplatedAnswer;
  /**
   * After a refusal, every request this meter sees is refused for this long, whatever its count says (Airtable:
   * "will need to wait 30 seconds before subsequent requests will succeed"). Runs from the refusal that started it;
   * the requests refused meanwhile do not prolong it. Without it, a request is refused only while it does not fit.
   */
  readonly penaltyMs?: number;
}

/**
 * A provider limit described by data: meters that every request must pass, all checked before any is spent (a
 * request refused by one meter is counted by none), each with the provider's own state headers and throttle or
 * quota answer (taken from an adapter's cited fixture). A new provider is one entry, not a new model.
 *
 * @example
 * // Salesforce: a rolling 24-hour allocation stated in Sforce-Limit-Info, a 403 REQUEST_LIMIT_EXCEEDED when spent.
 * { model: 'windowed', meters: [{ name: 'TotalRequests', window: 'sliding', limit: 15_000, windowMs: 86_400_000,
 *   headers: { 'sforce-limit-info': 'api-usage={used}/{limit}' },
 *   refusal: { status: 403, body: [{ errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' }] } }] }
 */
export interface WindowedLimitModel {
  readonly model: 'windowed';
  readonly meters: readonly WindowedMeter[];
  readonly route?: SimulatedRoute;
}

/** One rate limit of a simulated provider; a request is offered to every limit whose route matches, in order. */
export type SimulatedLimit =
  | GithubLimitModel
  | SlackLimitModel
  | ShopifyRestLimitModel
  | ShopifyGraphqlLimitModel
  | ConcurrencyLimitModel
  | HubspotLimitModel
  | StripeLimitModel
  | WindowedLimitModel;

/** The provider answers 503 (or 502) for a while, then recovers. */
export interface OutageScenario {
  /** @default 503 */
  readonly status?: 502 | 503;
  /** Recovery time, epoch ms. Wins over `forMs`. Without either the outage lasts until cleared. */
  readonly untilMs?: number;
  /** Recovery time, relative to when the scenario is set. */
  readonly forMs?: number;
}

/** Every answer of the provider is held back this long. */
export interface SlowScenario {
  readonly delayMs: number;
}

/** One way a flaky provider fails: an HTTP status or a connection reset. */
export type FlakyFault = 500 | 502 | 'reset';

/** The provider fails a share of requests, drawn from a seeded generator so runs repeat exactly. */
export interface FlakyScenario {
  /** Share of requests that fail, 0 to 1. */
  readonly rate: number;
  /** @default 1 */
  readonly seed?: number;
  /** Faults to draw from, evenly. @default [500, 502, 'reset'] */
  readonly faults?: readonly FlakyFault[];
}

/**
 * Run-time behaviour switches of one provider. Setting a scenario replaces the previous one;
 * `{}` restores normal service.
 *
 * @example
 * sim.setScenario('github', { outage: { status: 503, forMs: 2_000 } });
 */
export interface SimulatorScenario {
  readonly outage?: OutageScenario;
  readonly slow?: SlowScenario;
  readonly flaky?: FlakyScenario;
  /** Replaces the provider's `limits` (with fresh state) while this scenario is in force. */
  readonly limits?: readonly SimulatedLimit[];
}

/** One provider served by the simulator, described by data (the testkit imports no adapter). */
export interface SimulatedProvider {
  /** Path prefix and name: `stripe` is served under `/stripe`. Lower-case letters, digits and `-`. */
  readonly id: string;
  /** The provider's recorded behaviours; `x-rosetta-simulate: <name>` selects one. */
  readonly fixtures: readonly AdapterFixture[];
  /** Stateful rate limiting in the provider's own style; none when left out. */
  readonly rateLimit?: SimulatedRateLimit;
  /** Rate limits modelled on real providers, checked after `rateLimit`; none when left out. */
  readonly limits?: readonly SimulatedLimit[];
  /** Scenario in force from the start. */
  readonly scenario?: SimulatorScenario;
  /**
   * Built-in answers for a provider's non-JSON endpoints, which fixtures cannot hold. `github`: `POST /markdown`
   * and `/markdown/raw` (`text/html`), `GET /repos/:owner/:repo/contents/:path` under a `vnd.github.raw` Accept
   * (bytes in GitHub's raw media type), and `GET /repos/:owner/:repo/tarball/:ref` (302 to the archive on
   * {@link Simulator.downloadOrigin}, served as `application/x-gzip`).
   */
  readonly endpoints?: 'github';
}

/** Options of `startSimulator()`. */
export interface SimulatorOptions {
  readonly providers: readonly SimulatedProvider[];
  /**
   * Port to listen on; 0 picks a free one.
   * @default 0
   */
  readonly port?: number;
  /**
   * Address to listen on. Only loopback addresses make sense for a test tool.
   * @default '127.0.0.1'
   */
  readonly host?: string;
}

/** What one provider of the simulator has answered so far. */
export interface ProviderStats {
  /** Requests received, whatever became of them. */
  readonly requests: number;
  /** Answers by HTTP status. */
  readonly byStatus: Readonly<Record<number, number>>;
  /** Requests refused by a simulated rate limit (Shopify's 200 `THROTTLED` included). */
  readonly rateLimited: number;
  /** Refusals by the limit that refused: `core`, `secondary`, `DAILY`, `TEN_SECONDLY_ROLLING`, a Slack method, ... */
  readonly refusedBy: Readonly<Record<string, number>>;
  /** Connections reset on purpose (flaky scenario). */
  readonly resets: number;
}

/** A running provider simulator. */
export interface Simulator {
  /** Origin, e.g. `http://127.0.0.1:4010`. */
  readonly origin: string;
  /** The port listened on. */
  readonly port: number;
  /**
   * Origin of the download host, a second listener playing codeload.github.com: where a simulated GitHub's
   * tarball redirect leads. Another origin, as in production, so a client follows it only when told to trust it.
   * @example 'http://127.0.0.1:4011'
   */
  readonly downloadOrigin: string;
  /**
   * Base URL of one provider, for a client's `baseUrl`.
   * @example createClient(stripe, { baseUrl: sim.urlFor('stripe') });
   */
  urlFor(id: string): string;
  /** Replaces the provider's scenario; `{}` restores normal service. */
  setScenario(id: string, scenario: SimulatorScenario): void;
  /** Counters of one provider (a copy). */
  stats(id: string): ProviderStats;
  /** Stops listening, destroys open sockets and clears every timer. */
  close(): Promise<void>;
}
