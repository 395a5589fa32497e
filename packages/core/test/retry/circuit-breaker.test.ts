import { describe, expect, it } from 'vitest';
import { createCircuitBreaker } from '../../src/retry/circuit-breaker';

describe('createCircuitBreaker', () => {
  const open = () => {
    const breaker = createCircuitBreaker({ failureThreshold: 2, resetTimeoutMs: 1000 });
    breaker.record('failure', 0);
    expect(breaker.state).toBe('closed');
    breaker.record('failure', 0);
    expect(breaker.state).toBe('open');
    return breaker;
  };

  it('stays open until the reset timeout, then lets one probe pass', () => {
    const breaker = open();
    expect(breaker.admit(400)).toBe(600);
    expect(breaker.admit(1000)).toBe(0);
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit(1001)).toBeGreaterThan(0);
  });

  it('a failed probe re-opens the circuit at once, whatever the failure count', () => {
    const breaker = open();
    expect(breaker.admit(1000)).toBe(0);
    breaker.record('failure', 1000);
    expect(breaker.state).toBe('open');
    expect(breaker.admit(1500)).toBe(500);
  });

  it('a successful probe closes it and forgets past failures', () => {
    const breaker = open();
    expect(breaker.admit(1000)).toBe(0);
    breaker.record('success', 1000);
    expect(breaker.state).toBe('closed');
    breaker.record('failure', 1001);
    expect(breaker.state).toBe('closed');
  });

  it('a neutral end frees the probe slot and leaves the circuit half-open', () => {
    const breaker = open();
    expect(breaker.admit(1000)).toBe(0);
    breaker.record('neutral', 1000);
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit(1001)).toBe(0);
  });
});
