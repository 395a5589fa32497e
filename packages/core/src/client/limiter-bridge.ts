// Temporary: adapts the per-client limiter to the acquire/release shape the attempt loop uses, until the
// per-bucket limiter (issue "Rate limits v2") replaces it.
import type { HeaderMap } from '../classify/header-map';
import type { RateLimitInfo } from '../errors/types';
import type { Limiter } from '../limit/types';

/** What the limiter learns from one response. */
export interface LimitResponse {
  readonly status: number;
  readonly headers: HeaderMap;
  readonly body: unknown;
  readonly now: number;
  readonly rateLimit: RateLimitInfo | undefined;
  readonly throttle:
    | {
        readonly kind: 'rate_limited' | 'quota_exceeded';
        readonly retryAfterMs?: number | undefined;
        readonly resetAt?: number | undefined;
        readonly scope?: string | undefined;
      }
    | undefined;
}

/** The right to send one attempt; released once with what the response said. */
export interface Permit {
  release(response: LimitResponse | undefined): void;
}

const PAUSE_WITHOUT_HINT_MS = 1_000;

/** Admits one attempt through the client's limiter. */
export function acquirePermit(
  limiter: Limiter,
  options: { readonly signal: AbortSignal; readonly priority?: number | undefined },
): Promise<Permit> {
  return new Promise<Permit>((resolve, reject) => {
    limiter
      .schedule(
        () =>
          new Promise<void>((done) => {
            resolve({
              release(response) {
                if (response !== undefined) {
                  limiter.observe(response.rateLimit, response.now);
                  if (response.throttle?.kind === 'rate_limited') {
                    limiter.pause(response.throttle.retryAfterMs ?? PAUSE_WITHOUT_HINT_MS);
                  }
                }
                done();
              },
            });
          }),
        { signal: options.signal, ...(options.priority === undefined ? {} : { priority: options.priority }) },
      )
      .catch(reject);
  });
}
