import type { CircuitBreakerOptions } from './retry-options';

/** State of a {@link CircuitBreaker}. */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * How a call that the breaker admitted ended: `success` (the provider answered, whatever it said), `failure`
 * (a retryable fault: 5xx, timeout, network), or `neutral` (it ended without telling anything about the
 * provider: an abort, a full queue, a refusal before sending).
 */
export type CircuitOutcome = 'success' | 'failure' | 'neutral';

/** A per-client circuit breaker. */
export interface CircuitBreaker {
  readonly state: CircuitState;
  /**
   * Asks to start a call. Returns 0 when it may go, else how many ms the circuit stays open.
   * In half-open state exactly one probe is let through.
   */
  admit(now: number): number;
  /** Records how an admitted call ended; every admitted call must be recorded once. */
  record(outcome: CircuitOutcome, now: number): void;
}

/**
 * Creates a circuit breaker: after `failureThreshold` consecutive retryable failures it opens for
 * `resetTimeoutMs`, then lets one probe through; the probe's success closes it, its failure re-opens it, and a
 * neutral end frees the probe slot for the next call (a probe that ends in an abort must not leave the circuit
 * half-open for good).
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
      if (outcome === 'neutral') {
        probing = false;
        return;
      }
      if (outcome === 'success') {
        failures = 0;
        probing = false;
        state = 'closed';
        return;
      }
      failures += 1;
      if (state === 'half-open' || failures >= options.failureThreshold) {
        state = 'open';
        openedAt = now;
        probing = false;
      }
    },
  };
}
