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
}

/** One provider served by the simulator, described by data (the testkit imports no adapter). */
export interface SimulatedProvider {
  /** Path prefix and name: `stripe` is served under `/stripe`. Lower-case letters, digits and `-`. */
  readonly id: string;
  /** The provider's recorded behaviours; `x-rosetta-simulate: <name>` selects one. */
  readonly fixtures: readonly AdapterFixture[];
  /** Stateful rate limiting in the provider's own style; none when left out. */
  readonly rateLimit?: SimulatedRateLimit;
  /** Scenario in force from the start. */
  readonly scenario?: SimulatorScenario;
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
  /** Requests refused by the simulated rate limit. */
  readonly rateLimited: number;
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
