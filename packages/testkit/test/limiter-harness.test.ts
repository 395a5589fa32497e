import type { BucketDefinition } from '@rosetta/core';
import { describe, expect, it } from 'vitest';
import { limiterHarness } from '../src/limiter-harness';

const SOURCE = 'https://docs.example.test/rate-limits';
const window: BucketDefinition = { id: 'window', model: 'fixed-window', limit: 5, windowMs: 60_000, source: SOURCE };
const inFlight: BucketDefinition = { id: 'in-flight', model: 'concurrency', maxInFlight: 3, source: SOURCE };

describe('limiterHarness', () => {
  it('builds requests from its defaults, then the extra members; route is the path unless given', () => {
    const { request } = limiterHarness([window], { request: { credentialKey: 'agent-a', credentialTag: 'live' } });
    expect(request('PUT', '/tickets/1')).toEqual({
      method: 'PUT',
      path: '/tickets/1',
      route: '/tickets/1',
      query: undefined,
      body: undefined,
      credentialKey: 'agent-a',
      credentialTag: 'live',
    });
    expect(request('GET', '/x', { route: '/{id}', credentialKey: 'b' })).toMatchObject({
      route: '/{id}',
      credentialKey: 'b',
    });
    expect(limiterHarness([window]).request('GET', '/x').credentialKey).toBe('token-a');
  });

  it('counts each request in turn on one limiter, a fresh one per burst', () => {
    const { request, burst } = limiterHarness([window]);
    // The second request queues behind the first one's waiting call; another key goes on.
    expect(burst([request('GET', '/a'), request('GET', '/a'), request('GET', '/a', { credentialKey: 'b' })])).toEqual([
      5, 0, 5,
    ]);
    expect(burst([request('GET', '/a')])).toEqual([5]);
  });

  it('holds permits unless told to give them back, and stops counting at max', () => {
    const { request, burst } = limiterHarness([inFlight]);
    expect(burst([request('GET', '/a')])).toEqual([3]);
    expect(burst([request('GET', '/a')], { release: true, max: 40 })).toEqual([40]);
  });

  it('runs on a limiter of the caller, left open, for state a burst should see', () => {
    const { request, burst, limiter, take, admit } = limiterHarness([window]);
    const on = limiter();
    take(on, request('GET', '/a')).release(undefined);
    expect(burst([request('GET', '/a')], { on })).toEqual([4]);
    expect(admit(on, request('GET', '/a'))).toBeUndefined();
    expect(() => take(on, request('GET', '/a'))).toThrow('GET /a had to wait');
    void on.close();
  });
});
