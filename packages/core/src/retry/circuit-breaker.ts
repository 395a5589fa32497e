import type { CircuitBreakerOptions } from './retry-options';

/** State of a client's circuit breaker (`circuitBreaker` option). */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * How an admitted call ended: `success` (the provider answered), `failure` (a retryable fault: 5xx, timeout,
 * network) or `neutral` (nothing learnt about the provider: an abort, a full queue, a refusal before sending).
 */
type CircuitOutcome = 'success' | 'failure' | 'neutral';

/** A per-client circuit breaker. */
export interface CircuitBreaker {
  readonly state: CircuitState;
  /** Asks to start a call: 0 when it may go (one probe at a time when half-open), else ms the circuit stays open. */
  admit(now: number): number;
  /** Records how an admitted call ended; every admitted call must be recorded once. */
  record(outcome: CircuitOutcome, now: number): void;
}

/**
 * Creates a circuit breaker: `failureThreshold` consecutive retryable failures open it for `resetTimeoutMs`, then
 * one probe passes; its success closes it, its failure re-opens it, a neutral end frees the probe slot (an aborted
 * probe must not leave the circuit half-open for good).
 *
 * @example
 * const breaker = createCircuitBreaker({ failureThreshold: 5, resetTimeoutMs: 30_000 });
 */
export function createCircuitBreaker(options: Required<CircuitBreakerOptions>): CircuitBreaker {
  let state: CircuitState = 'closed';
  let failures = 0;
  let openedAt = 0;
  let probing = false;
  return {
    get state() {
      return state;
    },
    admit(now) {
      if (state === 'closed') return 0;
      const remaining = openedAt + options.resetTimeoutMs - now;
      if (state === 'open' && remaining > 0) return remaining;
      state = 'half-open';
      if (probing) return Math.max(1, remaining);
      probing = true;
      return 0;
    },
    record(outcome, now) {
      // Whatever the outcome, the probe slot is free again (only a half-open circuit has a probe out).
      probing = false;
      // Failures reset only on a success, which closes the circuit: a half-open probe that fails re-opens it.
      if (outcome === 'success') {
        failures = 0;
        state = 'closed';
      } else if (outcome === 'failure' && ++failures >= options.failureThreshold) {
        state = 'open';
        openedAt = now;
      }
    },
  };
}
