import { createLimiter } from '../../src/limit/create-limiter';
import type {
  BucketDefinition,
  LimitRequest,
  LimitResponse,
  Limiter,
  LimiterHooks,
  Permit,
} from '../../src/limit/types';
import { isPermit } from '../../src/limit/types';

export const SOURCE = 'https://example.test/docs/limits';

/** A request to `path` with credential `cred`. */
export function req(path = '/a', extra: Partial<LimitRequest> = {}): LimitRequest {
  return { method: 'GET', path, route: path, query: undefined, body: undefined, credentialKey: 'cred', ...extra };
}

/** A response at `now` (default: the current fake time). */
export function res(extra: Partial<LimitResponse> = {}): LimitResponse {
  return {
    status: 200,
    headers: {},
    body: undefined,
    now: Date.now(),
    rateLimit: undefined,
    throttle: undefined,
    ...extra,
  };
}

/** A 429 answer. */
export function throttled(throttle: NonNullable<LimitResponse['throttle']>, extra: Partial<LimitResponse> = {}) {
  return res({ status: 429, throttle, ...extra });
}

/** A limiter over `buckets` with test defaults. */
export function limiterOf(
  buckets: readonly BucketDefinition[],
  options: { maxQueued?: number; maxHoldMs?: number } = {},
  hooks: LimiterHooks = {},
): Limiter {
  return createLimiter(buckets, { maxQueued: 1_000, maxHoldMs: 60_000, ...options }, hooks);
}

/** The permit of a fast-path acquire; fails the test when it was not synchronous. */
export function sync(got: Permit | Promise<Permit>): Permit {
  if (!isPermit(got)) throw new Error('expected a synchronous permit');
  return got;
}

/** Acquire that records when (fake time) it was granted, or how it was refused. */
export function timed(limiter: Limiter, request: LimitRequest, options = {}) {
  const out: { at?: number; permit?: Permit; error?: { reason?: string; retryAfterMs?: number; bucket?: string } } = {};
  Promise.resolve(limiter.acquire(request, options)).then(
    (permit) => {
      out.at = Date.now();
      out.permit = permit;
    },
    (error: { reason?: string }) => {
      out.error = error;
    },
  );
  return out;
}
