// One test per rule of the adapter, beside the fixtures (docs/writing-an-adapter.md, "Testing quirks"): small
// inline responses through normalizeResponse, each rule seen both where it applies and where it must not.
import { normalizeResponse } from '@rosetta/core';
import { uncitedBuckets } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { acme } from '../src/index';

const json = { 'content-type': 'application/json' };

describe('the Acme adapter', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads a 200 with "status": "error" as a conflict, and only with that status', () => {
    const body = { error: { code: 'invoice_locked', message: 'Locked.' } };
    expect(normalizeResponse(acme, { status: 200, headers: json, body: { status: 'error', ...body } })).toMatchObject({
      kind: 'conflict',
      code: 'invoice_locked',
      detail: 'Locked.',
    });
    expect(normalizeResponse(acme, { status: 200, headers: json, body: { status: 'paid', ...body } })).toBeNull();
  });

  it("reads the window's state from the x-acme-ratelimit-* headers", () => {
    // A reset in the past is not believed: pin the clock two seconds before it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-05-01T12:00:00.000Z'));
    const error = normalizeResponse(acme, {
      status: 429,
      headers: {
        ...json,
        'x-acme-ratelimit-limit': '600',
        'x-acme-ratelimit-remaining': '0',
        'x-acme-ratelimit-reset': '1714564802',
      },
      body: { error: { code: 'rate_limited' } },
    });
    expect(error?.rateLimit).toMatchObject({ limit: 600, remaining: 0, resetAt: 1_714_564_802_000 });
  });

  it('cites a page for every limit it declares', () => {
    expect(uncitedBuckets(acme.limits ?? [])).toEqual([]);
  });
});
