import { sendJson, startHttpServer } from './start-http-server';
import { createTokenBucket } from './token-bucket';

/** Options of {@link startRateLimitedProvider}. */
export interface RateLimitedProviderOptions {
  /** Requests per second the provider allows (its documented limit). */
  readonly ratePerSecond: number;
  /** Requests the bucket holds. */
  readonly burst: number;
  /**
   * `seconds`: `Retry-After` and `x-ratelimit-reset` in whole seconds, as most providers send them.
   * `milliseconds`: `retry-after-ms` and a reset with three decimals, exact for a 10 ms token.
   * @default 'seconds'
   */
  readonly precision?: 'seconds' | 'milliseconds';
}

/** What the provider saw. */
export interface ProviderCounts {
  readonly ok: number;
  readonly limited: number;
  /** `performance.now()` of the first and the last request, undefined before the first. */
  readonly firstAt: number | undefined;
  readonly lastAt: number | undefined;
}

/** A running rate-limited provider. */
export interface RateLimitedProvider {
  readonly url: string;
  counts(): ProviderCounts;
  close(): Promise<void>;
}

/**
 * A provider enforcing a token bucket, as a public API documenting "100 requests per second"
 * does: 429 with `Retry-After` (whole seconds, as HTTP has it) when the bucket is empty, and on
 * every answer `x-ratelimit-limit` (the documented rate), `x-ratelimit-remaining` (whole tokens
 * left) and `x-ratelimit-reset` (whole seconds until the bucket is full, the IETF draft's
 * "seconds until" reading, 0 when full).
 *
 * @example
 * const provider = await startRateLimitedProvider({ ratePerSecond: 100, burst: 10 });
 */
export async function startRateLimitedProvider(options: RateLimitedProviderOptions): Promise<RateLimitedProvider> {
  const bucket = createTokenBucket(options.ratePerSecond, options.burst);
  const exact = options.precision === 'milliseconds';
  let ok = 0;
  let limited = 0;
  let firstAt: number | undefined;
  let lastAt: number | undefined;
  const server = await startHttpServer((req, res) => {
    req.resume();
    const now = performance.now();
    firstAt ??= now;
    lastAt = now;
    const reading = bucket.take(now);
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(options.ratePerSecond),
      'x-ratelimit-remaining': String(reading.remaining),
      'x-ratelimit-reset': exact ? (reading.fullInMs / 1_000).toFixed(3) : String(Math.ceil(reading.fullInMs / 1_000)),
    };
    if (reading.allowed) {
      ok++;
      sendJson(res, 200, { id: `item_${ok}`, ok: true }, headers);
    } else {
      limited++;
      if (exact) headers['retry-after-ms'] = String(Math.max(1, Math.ceil(reading.nextTokenMs)));
      else headers['retry-after'] = String(Math.max(1, Math.ceil(reading.nextTokenMs / 1_000)));
      sendJson(res, 429, { error: 'rate_limited', message: 'Too many requests' }, headers);
    }
  });
  return { url: server.url, counts: () => ({ ok, limited, firstAt, lastAt }), close: server.close };
}
