/**
 * Full-jitter exponential backoff (AWS architecture blog, "Exponential Backoff and Jitter"):
 * a random wait in `[0, min(cap, base * 2^(retry-1))]`, which spreads a thundering herd best.
 *
 * @param retry 1 for the first retry.
 * @example
 * computeBackoff(3, { baseDelayMs: 500, maxDelayMs: 20_000, random: () => 0.5 }); // 1000
 */
export function computeBackoff(
  retry: number,
  options: { readonly baseDelayMs: number; readonly maxDelayMs: number; readonly random: () => number },
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = options.random();
  const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0;
  return Math.round(unit * ceiling);
}
