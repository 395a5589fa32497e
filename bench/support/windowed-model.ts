import { readFileSync } from 'node:fs';
import type { AdapterFixture, TemplatedAnswer, WindowedMeter, WindowKind } from '@rosetta/testkit';

/**
 * The provider's throttle or quota answer, taken from an adapter's cited fixture
 * (`packages/adapters/<adapter>/test/fixtures/<name>.json`) so its status, headers and body are never invented.
 * `headers` replaces the fixture's values that depend on the simulator's state (Retry-After, remaining, reset) by
 * templates; `drop` removes fixture headers the meter writes itself on every answer, and `Date`.
 *
 * @example
 * fixtureAnswer('notion', 'rate-limited-429-retry-after', { 'retry-after': '{retryAfterSeconds}' });
 */
export function fixtureAnswer(
  adapter: string,
  name: string,
  headers: Readonly<Record<string, string>> = {},
  drop: readonly string[] = [],
): TemplatedAnswer {
  const url = new URL(`../../packages/adapters/${adapter}/test/fixtures/${name}.json`, import.meta.url);
  const fixture = JSON.parse(readFileSync(url, 'utf8')) as AdapterFixture;
  const dropped = new Set([...drop, ...Object.keys(headers), 'date'].map((h) => h.toLowerCase()));
  const kept = Object.entries(fixture.response.headers ?? {}).filter(([h]) => !dropped.has(h.toLowerCase()));
  return {
    status: fixture.response.status,
    headers: { ...Object.fromEntries(kept), ...headers },
    ...(fixture.response.body === undefined ? {} : { body: fixture.response.body }),
  };
}

/** What a provider's meter is, in the bench's words: its numbers, state headers and its fixture-backed refusal. */
export interface MeterEntry {
  readonly name: string;
  readonly window: WindowKind;
  readonly limit: number;
  readonly windowMs: number;
  /** State headers on every answer (templates, see `TemplatedAnswer`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** `[adapter, fixture name]` of the refusal, and its templated headers. */
  readonly refusal: {
    readonly fixture: readonly [string, string];
    readonly headers?: Readonly<Record<string, string>>;
  };
  /** Everything refused for this long after a refusal (Airtable's penalty); see `WindowedMeter.penaltyMs`. */
  readonly penaltyMs?: number;
}

/** A simulator meter from an entry: the fixture's refusal without the headers the meter writes itself. */
export function meter(entry: MeterEntry): WindowedMeter {
  const [adapter, name] = entry.refusal.fixture;
  const state = Object.keys(entry.headers ?? {});
  return {
    name: entry.name,
    window: entry.window,
    limit: entry.limit,
    windowMs: entry.windowMs,
    ...(entry.headers === undefined ? {} : { headers: entry.headers }),
    refusal: fixtureAnswer(adapter, name, entry.refusal.headers, state),
    ...(entry.penaltyMs === undefined ? {} : { penaltyMs: entry.penaltyMs }),
  };
}

/**
 * Theoretical minimum (docs/retries-and-rate-limits.md §3.1) for `calls` through one meter, ms, given the run's start
 * (epoch ms): fixed `t1 + (ceil((M - N) / N) - 1) * W` (windows on multiples of W), sliding `(ceil(M / N) - 1) * W`,
 * token `(M - B) / R`.
 */
export function minimumMs(kind: WindowKind, calls: number, limit: number, windowMs: number, start: number): number {
  if (calls <= limit) return 0;
  switch (kind) {
    case 'fixed': {
      const untilReset = Math.ceil(start / windowMs) * windowMs - start;
      return untilReset + (Math.ceil((calls - limit) / limit) - 1) * windowMs;
    }
    case 'sliding':
      return (Math.ceil(calls / limit) - 1) * windowMs;
    case 'token':
      return ((calls - limit) / limit) * windowMs;
  }
}
