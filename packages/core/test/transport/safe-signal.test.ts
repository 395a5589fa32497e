import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { combineSignals, timeoutSignal } from '../../src/transport/safe-signal';

describe('combineSignals', () => {
  it('aborts when any source aborts, with that reason', () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = combineSignals([a.signal, undefined, b.signal]);
    expect(combined.signal.aborted).toBe(false);
    const reason = new Error('b fired');
    b.abort(reason);
    expect(combined.signal.aborted).toBe(true);
    expect(combined.signal.reason).toBe(reason);
  });

  it('keeps the first reason when a second source fires later', () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = combineSignals([a.signal, b.signal]);
    const first = new Error('first');
    a.abort(first);
    b.abort(new Error('second'));
    expect(combined.signal.reason).toBe(first);
  });

  it('is aborted from the start when a source already is, with the first aborted reason', () => {
    const first = new Error('first');
    const combined = combineSignals([
      new AbortController().signal,
      AbortSignal.abort(first),
      AbortSignal.abort('later'),
    ]);
    expect(combined.signal.aborted).toBe(true);
    expect(combined.signal.reason).toBe(first);
  });

  it('never aborts with no source', () => {
    const combined = combineSignals([undefined]);
    expect(combined.signal.aborted).toBe(false);
    combined.dispose();
  });

  it('removes its listeners from every source once a source fired', () => {
    const a = new AbortController();
    const b = new AbortController();
    combineSignals([a.signal, b.signal]);
    a.abort();
    expect(getEventListeners(b.signal, 'abort')).toHaveLength(0);
  });

  it('stops following its sources after dispose()', () => {
    const a = new AbortController();
    const b = new AbortController();
    const combined = combineSignals([a.signal, b.signal]);
    combined.dispose();
    combined.dispose();
    a.abort();
    expect(combined.signal.aborted).toBe(false);
  });

  it('leaves no listener on a long-lived source after 100,000 combine/dispose cycles', () => {
    const longLived = new AbortController();
    const reused = new AbortController();
    for (let i = 0; i < 100_000; i++) {
      const combined = combineSignals([longLived.signal, reused.signal]);
      combined.dispose();
    }
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(0);
    expect(getEventListeners(reused.signal, 'abort')).toHaveLength(0);
    // Still wired correctly afterwards.
    const last = combineSignals([longLived.signal, new AbortController().signal]);
    expect(getEventListeners(longLived.signal, 'abort')).toHaveLength(1);
    longLived.abort('closed');
    expect(last.signal.reason).toBe('closed');
  });
});

describe('timeoutSignal', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('aborts with a TimeoutError DOMException once the delay has passed', async () => {
    vi.useFakeTimers();
    const timeout = timeoutSignal(1000);
    await vi.advanceTimersByTimeAsync(999);
    expect(timeout.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(timeout.signal.aborted).toBe(true);
    expect(timeout.signal.reason).toBeInstanceOf(DOMException);
    expect(timeout.signal.reason).toMatchObject({
      name: 'TimeoutError',
      message: 'The operation timed out after 1000 ms',
    });
  });

  it('clear() cancels the timer so the signal never aborts', async () => {
    vi.useFakeTimers();
    const timeout = timeoutSignal(1000);
    expect(vi.getTimerCount()).toBe(1);
    timeout.clear();
    timeout.clear();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5000);
    expect(timeout.signal.aborted).toBe(false);
  });

  it("does not keep the process alive (its timer is unref'd)", () => {
    const timers = (): number => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const before = timers();
    const timeout = timeoutSignal(60_000);
    // Only ref'd timers count as active resources.
    expect(timers()).toBe(before);
    timeout.clear();
  });

  it('never aborts and sets no timer for Infinity', () => {
    vi.useFakeTimers();
    const timeout = timeoutSignal(Number.POSITIVE_INFINITY);
    expect(vi.getTimerCount()).toBe(0);
    expect(timeout.signal.aborted).toBe(false);
  });

  it('caps delays beyond the timer range instead of firing at once', async () => {
    vi.useFakeTimers();
    const timeout = timeoutSignal(2 ** 40);
    await vi.advanceTimersByTimeAsync(1000);
    expect(timeout.signal.aborted).toBe(false);
    timeout.clear();
  });

  it('rejects a negative or NaN delay', () => {
    expect(() => timeoutSignal(-1)).toThrow(RangeError);
    expect(() => timeoutSignal(Number.NaN)).toThrow(RangeError);
  });
});
