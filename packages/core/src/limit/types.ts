import type { HeaderMap } from '../classify/header-map';
import type { RateLimitInfo } from '../errors/types';

/** What the limiter knows of a request when admitting it. */
export interface LimitRequest {
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Expanded path without the query, e.g. `/repos/acme/app/issues`. */
  readonly path: string;
  /** The path template the caller wrote, e.g. `/repos/{owner}/{repo}/issues`. */
  readonly route: string;
  readonly query: Readonly<Record<string, unknown>> | undefined;
  /** The caller's body before encoding (Slack's `channel` lives here). */
  readonly body: unknown;
  /** A short hash of the credential, never the credential; `''` when there is none. */
  readonly credentialKey: string;
  /**
   * A non-secret tag the adapter derives from the credential, for limits that differ by kind of
   * credential (Stripe: `'test'` for `sk_test_`/`rk_test_` keys, `'live'` otherwise).
   */
  readonly credentialTag?: string;
}

/** A throttling answer: the response was classified `rate_limited` or `quota_exceeded`. */
export interface LimitThrottle {
  readonly kind: 'rate_limited' | 'quota_exceeded';
  /** The provider's wait hint (Retry-After), in milliseconds. */
  readonly retryAfterMs?: number;
  /** When the limit resets, epoch ms on the clock of {@link LimitResponse.now}. */
  readonly resetAt?: number;
  /** Which limit the provider says was hit (`x-ratelimit-resource`, a policy name). */
  readonly scope?: string;
  /**
   * The classification's code (`secondary_rate_limit`, `ratelimited`): what the adapter's `classify` hook already
   * read from the answer, so that a bucket's `owns` never reads the body a second time.
   */
  readonly code?: string;
}

/** What the limiter learns from one response. */
export interface LimitResponse {
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: HeaderMap;
  /** Parsed JSON, text, or undefined. */
  readonly body: unknown;
  /**
   * Epoch ms when the response arrived, on the clock `resetAt` values are expressed in (the
   * client clock, skew-corrected when a `Date` header was used). The limiter only uses
   * `resetAt - now` as a duration, so either clock works as long as both agree.
   */
  readonly now: number;
  /** Core's reading of the rate-limit headers. */
  readonly rateLimit: RateLimitInfo | undefined;
  /** Set when the response is a throttling answer. */
  readonly throttle: LimitThrottle | undefined;
}

/** Admission to send one attempt; give it back exactly once. */
export interface Permit {
  /** What the response said, or `undefined` when there was none (network error, abort, timeout). */
  /**
   * Gives the permit back. Returns true when one of its buckets took the response's throttle and now holds its
   * calls until the provider's time: the retry then waits in that bucket, not on a timer of its own.
   */
  release(response: LimitResponse | undefined): boolean;
}

/** Per-call options of {@link Limiter.acquire}. */
export interface AcquireOptions {
  /** Cancels the wait: rejected with reason `aborted` and removed from the queue. */
  readonly signal?: AbortSignal;
  /**
   * 0 (first) to 9 (last); equal priorities keep arrival order.
   * @default 5
   */
  readonly priority?: number;
  /** A retry re-enters its buckets ahead of every new call. */
  readonly retry?: boolean;
  /**
   * When the call's deadline passes (epoch ms). A wait known to end after it (a pace, a pause) is not started:
   * rejected at once with reason `deadline`. A wait of unknown length (behind a concurrency cap or other
   * waiters) is still ended by the caller's `signal`.
   */
  readonly deadlineAt?: number;
}

/**
 * A client's rate limiter: every attempt takes a {@link Permit} for all the buckets its request
 * touches and releases it with what the response said.
 *
 * @example
 * const permit = await limiter.acquire(request, { signal });
 * try { permit.release(toLimitResponse(await send())); } catch { permit.release(undefined); }
 */
export interface Limiter {
  /**
   * A permit at once (no promise, no timer) when no bucket constrains the request; otherwise a
   * promise of one. Refusals are {@link LimiterRejectedError}s (as a rejected promise).
   */
  acquire(request: LimitRequest, options?: AcquireOptions): Permit | Promise<Permit>;
  /** Calls waiting or holding a permit. */
  readonly pending: number;
  /** Bucket keys (one per bucket and scope) held in memory. */
  readonly keys: number;
  /** Rejects waiting calls with reason `closed`, clears every timer (the process can exit). */
  close(reason?: string): Promise<void>;
}

/** How a provider limits one bucket. */
export type BucketModel =
  | 'fixed-window'
  | 'sliding-window'
  | 'token-bucket'
  | 'cost-bucket'
  | 'concurrency'
  | 'min-interval'
  | 'quota';

/** A bucket's state as a response reports it. */
export interface BucketState {
  readonly remaining?: number;
  readonly limit?: number;
  /** Epoch ms on the clock of {@link LimitResponse.now}. */
  readonly resetAt?: number;
  /** Actual cost of the request (cost buckets settle the estimate with it). */
  readonly cost?: number;
}

/**
 * One limit of a provider, as an adapter declares it from the provider's documentation.
 * Numbers are priors: state read from responses (`observe`) overrides them.
 *
 * @example
 * const search: BucketDefinition = {
 *   id: 'search', model: 'fixed-window', limit: 30, windowMs: 60_000,
 *   source: 'https://docs.github.com/en/rest/search/search#rate-limit',
 *   scope: (r) => (r.path.startsWith('/search/') ? r.credentialKey : null),
 * };
 */
export interface BucketDefinition {
  /** `core`, `search`, `tier3`, `post-message`: names the bucket in errors, hooks and options. */
  readonly id: string;
  readonly model: BucketModel;
  /**
   * Calls or points per window (fixed, sliding, quota, cost). A `sliding-window` without one is an undisclosed
   * limit (the provider publishes no number): each key probes with a small in-flight cap that grows as answers come
   * back clean, learns N and W from its first 429 and paces at them from then on (in-process engine only).
   */
  readonly limit?: number;
  readonly windowMs?: number;
  /** Token and cost bucket refill per second. */
  readonly ratePerSec?: number;
  /** Token and cost bucket capacity. */
  readonly burst?: number;
  /** Concurrency cap. */
  readonly maxInFlight?: number;
  /** Minimum interval between two starts. */
  readonly intervalMs?: number;
  /** Docs URL the numbers come from. */
  readonly source: string;
  /** Scope key of a request, or null when the bucket does not apply. Default: one key per credential. */
  readonly scope?: (request: LimitRequest) => string | null;
  /** Units the request takes. @default 1 */
  readonly cost?: (request: LimitRequest) => number;
  /**
   * Reads this bucket's server state from a response. Default for fixed-window, quota, token and
   * cost buckets: `response.rateLimit` when its scope is absent or equals `id`.
   */
  readonly observe?: (response: LimitResponse) => BucketState | undefined;
  /**
   * Does this throttling answer belong to this bucket? Default: `throttle.scope === id`, else the
   * first applicable bucket that is not a concurrency cap (a quota bucket for `quota_exceeded`).
   */
  readonly owns?: (response: LimitResponse) => boolean;
  /**
   * Fixed windows and quotas: the declared numbers are only a prior (a limit shared with the identity's other
   * clients, as GitHub's per-user windows are), so a key's first call goes alone and the others wait for it to
   * end (any end: an answer with or without state, an error, no answer), then follow what it said.
   * @default false
   */
  readonly slowStart?: boolean;
}

/** The numbers of a declared bucket a user may override. */
export type BucketOverride = Partial<
  Pick<BucketDefinition, 'limit' | 'windowMs' | 'ratePerSec' | 'burst' | 'maxInFlight' | 'intervalMs'>
>;

/**
 * Client-side rate limiting, as `createClient(adapter, { rateLimit })` takes it; `false` turns it off.
 *
 * @example
 * createClient(github, { rateLimit: { buckets: { core: { limit: 15_000 } }, maxHoldMs: 30_000 } });
 */
export interface RateLimitOptions {
  /** Override the numbers of a declared bucket, or `false` to drop it. */
  readonly buckets?: Readonly<Record<string, BucketOverride | false>>;
  /** Buckets of your own (the generic adapter has none). */
  readonly extra?: readonly BucketDefinition[];
  /**
   * Calls that may wait at once; the next is rejected with reason `queue_full`.
   * @default 10_000
   */
  readonly maxQueued?: number;
  /**
   * Longest a call may wait for a bucket. A call that would wait longer is rejected at once with
   * reason `hold_exceeded` and `retryAfterMs`; while such a hold lasts one probe call per
   * `maxHoldMs` is let through to find out whether it still holds. The default covers a per-minute window read
   * from headers plus the guard (at most a second) added to a reset given in whole seconds.
   * @default 65_000
   */
  readonly maxHoldMs?: number;
  /** Cluster mode: `redisRateLimit()` from `@rosetta/core/redis`. */
  readonly engine?: LimiterEngineFactory;
}

/** {@link RateLimitOptions} with defaults applied. */
export interface ResolvedLimitOptions {
  readonly maxQueued: number;
  readonly maxHoldMs: number;
  readonly engine?: LimiterEngineFactory | undefined;
}

/** Why a call waited: a throttle pause, a bucket pacing it, or a concurrency cap / probe. */
export type LimiterWaitReason = 'paused' | 'paced' | 'queued';

/** Observability hooks of a limiter. */
export interface LimiterHooks {
  /** A call starts after waiting at least 10 ms, held by bucket `bucket` for `reason`. */
  onWait?(ms: number, reason: LimiterWaitReason, bucket: string): void;
}

/**
 * Builds the limiter of one client in cluster mode (`redisRateLimit()` sets it); the default,
 * in-process limiter needs none.
 */
export type LimiterEngineFactory = (
  buckets: readonly BucketDefinition[],
  options: ResolvedLimitOptions,
  hooks: LimiterHooks,
) => Limiter;

/**
 * Tells a synchronous permit from a promise of one (the fast path returns the permit itself).
 *
 * @example
 * const got = limiter.acquire(request);
 * const permit = isPermit(got) ? got : await got;
 */
export function isPermit(value: Permit | Promise<Permit>): value is Permit {
  return typeof (value as Promise<Permit>).then !== 'function';
}
