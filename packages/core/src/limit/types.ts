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
  /** A non-secret tag of the credential's kind, for limits that differ by it (Stripe: `'test'` or `'live'`). */
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
  /** The classification's code (`secondary_rate_limit`): a bucket's `owns` need not read the body again. */
  readonly code?: string;
}

/** What the limiter learns from one response. */
export interface LimitResponse {
  readonly status: number;
  /** Lower-cased header names. */
  readonly headers: HeaderMap;
  /** Parsed JSON, text, or undefined. */
  readonly body: unknown;
  /** Epoch ms when the response arrived, on the clock of its `resetAt` values (only `resetAt - now` is used). */
  readonly now: number;
  /** Core's reading of the rate-limit headers. */
  readonly rateLimit: RateLimitInfo | undefined;
  /** Set when the response is a throttling answer. */
  readonly throttle: LimitThrottle | undefined;
}

/** Admission to send one attempt; give it back exactly once. */
export interface Permit {
  /**
   * Gives the permit back with the response (`undefined`: none came). True when a bucket took its throttle and
   * holds calls until the provider's time: the retry then waits in that bucket, not on a timer of its own.
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
   * The call's deadline (epoch ms): a wait known to end at or after it is rejected at once (`deadline`); a wait of
   * unknown length (a concurrency cap, other waiters) is ended by `signal`.
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
  /** A permit at once when no bucket holds the request, else a promise of one ({@link LimiterRejectedError}). */
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
  /** Calls or points per window (fixed, sliding, quota, cost); none for `undisclosedWindow()`, which learns it. */
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
  /** This bucket's server state in a response. Default (not for caps, intervals): `response.rateLimit` of its scope. */
  readonly observe?: (response: LimitResponse) => BucketState | undefined;
  /** Does this throttling answer belong to this bucket? Default: `throttle.scope === id`, else the first non-cap. */
  readonly owns?: (response: LimitResponse) => boolean;
  /**
   * Fixed windows and quotas whose numbers are only a prior (GitHub's per-user windows, shared with other clients):
   * a key's first call goes alone and the others follow what its answer said.
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
   * Longest a call may wait for a bucket; a longer wait is rejected at once (`hold_exceeded`, `retryAfterMs`),
   * with one probe per `maxHoldMs` to see whether the hold still holds. Covers a minute's window plus its guard.
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

/** Builds a client's limiter in cluster mode (`redisRateLimit()` sets it). */
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
