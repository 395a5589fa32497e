import { defineAdapter } from '@rosetta/core';
import { describe, expect, it } from 'vitest';
import { expectedAttempts, generatesIdempotencyKey } from '../../src/conformance/expected-attempts';

const base = { maxRetries: 2, maxRetryAfterMs: 60_000 };
const server = { kind: 'server', retryable: true, retryAfterMs: undefined } as const;

describe('expectedAttempts', () => {
  it('is maxRetries + 1 for a retryable error on a request safe to repeat', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'get']) {
      expect(expectedAttempts({ ...base, reading: server, method, hasIdempotencyKey: false }), method).toBe(3);
    }
    for (const method of ['POST', 'PATCH']) {
      expect(expectedAttempts({ ...base, reading: server, method, hasIdempotencyKey: true }), method).toBe(3);
    }
  });

  it('is 1 for a success, a non-retryable error, a spent quota, or a POST/PATCH without a key', () => {
    expect(expectedAttempts({ ...base, reading: null, method: 'GET', hasIdempotencyKey: false })).toBe(1);
    const notRetryable = { kind: 'validation', retryable: false, retryAfterMs: undefined } as const;
    expect(expectedAttempts({ ...base, reading: notRetryable, method: 'GET', hasIdempotencyKey: true })).toBe(1);
    const quota = { kind: 'quota_exceeded', retryable: true, retryAfterMs: 1_000 } as const;
    expect(expectedAttempts({ ...base, reading: quota, method: 'GET', hasIdempotencyKey: false })).toBe(1);
    for (const method of ['POST', 'PATCH']) {
      expect(expectedAttempts({ ...base, reading: server, method, hasIdempotencyKey: false }), method).toBe(1);
    }
  });

  it('resends a throttled POST only when the adapter says a throttle refuses the request, and only a throttle', () => {
    const throttled = { kind: 'rate_limited', retryable: true, retryAfterMs: 80 } as const;
    const post = { ...base, method: 'POST', hasIdempotencyKey: false };
    expect(expectedAttempts({ ...post, reading: throttled, throttleRefusesRequest: true })).toBe(3);
    expect(expectedAttempts({ ...post, reading: throttled })).toBe(1);
    expect(expectedAttempts({ ...post, reading: server, throttleRefusesRequest: true })).toBe(1);
  });

  it("resends a POST the adapter's safeToRepeat declares a read, and only a retryable error", () => {
    const post = { ...base, method: 'POST', hasIdempotencyKey: false };
    expect(expectedAttempts({ ...post, reading: server, declaredSafe: true })).toBe(3);
    expect(expectedAttempts({ ...post, reading: server, declaredSafe: false })).toBe(1);
    const notRetryable = { kind: 'validation', retryable: false, retryAfterMs: undefined } as const;
    expect(expectedAttempts({ ...post, reading: notRetryable, declaredSafe: true })).toBe(1);
  });

  it("is capped by the answer's own maxRetries, never raised by it", () => {
    const get = { ...base, method: 'GET', hasIdempotencyKey: false, reading: server };
    expect(expectedAttempts({ ...get, answerMaxRetries: 1 })).toBe(2);
    expect(expectedAttempts({ ...get, answerMaxRetries: 0 })).toBe(1);
    expect(expectedAttempts({ ...get, answerMaxRetries: 5 })).toBe(3);
  });

  it('is 1 when the server asks for a wait longer than maxRetryAfterMs, and not when it equals it', () => {
    const wait = (retryAfterMs: number) => ({ kind: 'rate_limited', retryable: true, retryAfterMs }) as const;
    expect(expectedAttempts({ ...base, reading: wait(60_001), method: 'GET', hasIdempotencyKey: false })).toBe(1);
    expect(expectedAttempts({ ...base, reading: wait(60_000), method: 'GET', hasIdempotencyKey: false })).toBe(3);
  });
});

describe('generatesIdempotencyKey', () => {
  const adapter = (idempotency?: { header: string; methods?: ('POST' | 'PATCH')[]; generate?: boolean }) =>
    defineAdapter({ id: 'x', displayName: 'X', baseUrl: 'https://x.example', ...(idempotency ? { idempotency } : {}) });

  it('follows the adapter declaration: POST by default, the declared methods, never when generate is false', () => {
    expect(generatesIdempotencyKey(adapter(), 'POST')).toBe(false);
    expect(generatesIdempotencyKey(adapter({ header: 'Idempotency-Key' }), 'POST')).toBe(true);
    expect(generatesIdempotencyKey(adapter({ header: 'Idempotency-Key' }), 'PATCH')).toBe(false);
    expect(generatesIdempotencyKey(adapter({ header: 'K', methods: ['PATCH'] }), 'patch')).toBe(true);
    expect(generatesIdempotencyKey(adapter({ header: 'K', generate: false }), 'POST')).toBe(false);
  });
});
