import { normalizeResponse } from '@rosetta/core';
import { formEncode } from '../../../core/src/transport/encode-request-body';
import type { ClassifyContext } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toFieldPath } from '../src/classify-stripe';
import { stripe, stripeDeclineCode } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

/** OAuth lives on connect.stripe.com; everything else on the adapter's base URL. */
function urlOf(path: string): string {
  return path.startsWith('/oauth/') ? `https://connect.stripe.com${path}` : `${stripe.baseUrl}${path}`;
}

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  return normalizeResponse(stripe, {
    status,
    headers: { 'content-type': 'application/json', ...options.headers },
    body,
    method: options.method ?? 'POST',
    url: urlOf(options.path ?? '/v1/charges'),
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('stripe fixtures', () => {
  it('are at least 15, and hold no real-looking credential or request id', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    for (const fixture of fixtures) {
      const text = JSON.stringify(fixture);
      // Stripe keys are sk_/rk_/pk_ + live|test + an alphanumeric tail; fixtures only carry masked or FAKE ones.
      expect(text, fixture.name).not.toMatch(/\b[spr]k_(live|test)_[A-Za-z0-9]{8,}/);
      for (const id of text.match(/\breq_[A-Za-z0-9]+/g) ?? []) expect(id, fixture.name).toMatch(/^req_FAKE/);
    }
  });
});

describe('Stripe-Should-Retry', () => {
  it('false wins over a status the SDKs always retry (409, 5xx, lock_timeout)', () => {
    const noRetry = { 'stripe-should-retry': 'false' };
    expect(normalize(409, { error: { message: 'Conflict' } }, { headers: noRetry })?.retryable).toBe(false);
    expect(normalize(503, { error: { type: 'api_error' } }, { headers: noRetry })?.retryable).toBe(false);
    const lock = normalize(429, { error: { code: 'lock_timeout' } }, { headers: noRetry });
    expect(lock).toMatchObject({ kind: 'conflict', retryable: false });
  });

  it('true makes any error retryable without changing its kind', () => {
    const err = normalize(
      402,
      { error: { type: 'card_error', code: 'card_declined' } },
      {
        headers: { 'stripe-should-retry': 'true' },
      },
    );
    expect(err).toMatchObject({ kind: 'payment_required', retryable: true });
  });
});

describe('status and code rules of the official SDKs', () => {
  it('reads 401/403/404 by status although the body type is invalid_request_error', () => {
    const body = { error: { type: 'invalid_request_error', message: 'nope' } };
    expect(normalize(401, body)?.kind).toBe('authentication');
    expect(normalize(403, body)?.kind).toBe('permission');
    expect(normalize(404, body)?.kind).toBe('not_found');
  });

  it('tells a lock timeout (conflict) from a rate limit on 429', () => {
    expect(normalize(429, { error: { code: 'lock_timeout', type: 'invalid_request_error' } })).toMatchObject({
      kind: 'conflict',
      code: 'lock_timeout',
      retryable: true,
    });
    expect(normalize(429, { error: { code: 'rate_limit', type: 'invalid_request_error' } })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
    // A 429 without a body is still a rate limit.
    expect(normalize(429, undefined)?.kind).toBe('rate_limited');
  });

  it('reads a 400 with code rate_limit as a rate limit, and only with that code', () => {
    expect(normalize(400, { error: { code: 'rate_limit' } })?.kind).toBe('rate_limited');
    expect(normalize(400, { error: { code: 'parameter_missing', param: 'amount' } })?.kind).toBe('validation');
    expect(normalize(402, { error: { code: 'rate_limit', type: 'card_error' } })?.kind).toBe('payment_required');
  });

  it('retries 409 conflicts but never an idempotency_error (400 or 404)', () => {
    expect(normalize(409, { error: { message: 'Conflict' } })).toMatchObject({ kind: 'conflict', retryable: true });
    for (const status of [400, 404]) {
      expect(
        normalize(status, { error: { type: 'idempotency_error', message: 'Keys for idempotent…' } }),
      ).toMatchObject({ kind: 'conflict', code: 'idempotency_error', retryable: false, fieldErrors: [] });
    }
  });

  it('keeps 5xx retryable as stripe-node does, and 424 not retryable', () => {
    expect(normalize(500, { error: { type: 'api_error' } })).toMatchObject({ kind: 'server', retryable: true });
    expect(normalize(502, undefined)).toMatchObject({ kind: 'unavailable', retryable: true });
    expect(normalize(424, undefined)).toMatchObject({ kind: 'unavailable', retryable: false });
  });
});

describe('card declines', () => {
  const declined = {
    error: {
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'do_not_honor',
      message: 'Your card was declined.',
    },
  };

  it('keeps the code and shows the decline_code in the message', () => {
    const err = normalize(402, declined);
    expect(err).toMatchObject({ kind: 'payment_required', code: 'card_declined', retryable: false });
    expect(err?.detail).toBe('Your card was declined. (decline_code: do_not_honor)');
  });

  it('does not repeat a decline_code the message already names', () => {
    const err = normalize(402, { error: { ...declined.error, message: 'Declined: do_not_honor' } });
    expect(err?.detail).toBe('Declined: do_not_honor');
  });

  it('exposes the decline_code from an error or a body, undefined otherwise', () => {
    expect(stripeDeclineCode(normalize(402, declined))).toBe('do_not_honor');
    expect(stripeDeclineCode(declined)).toBe('do_not_honor');
    expect(stripeDeclineCode({ error: { type: 'card_error' } })).toBeUndefined();
    expect(stripeDeclineCode('do_not_honor')).toBeUndefined();
    expect(stripeDeclineCode(null)).toBeUndefined();
    expect(stripeDeclineCode({ response: null })).toBeUndefined();
  });
});

describe('field errors', () => {
  it('turns param into a dotted field path for validation errors only', () => {
    const err = normalize(400, {
      error: {
        type: 'invalid_request_error',
        code: 'parameter_invalid_integer',
        param: 'items[1][quantity]',
        message: 'Invalid integer',
      },
    });
    expect(err?.fieldErrors).toEqual([
      { path: 'items.1.quantity', message: 'Invalid integer', code: 'parameter_invalid_integer' },
    ]);
    expect(
      normalize(404, { error: { code: 'resource_missing', param: 'id', message: 'No such customer' } })?.fieldErrors,
    ).toEqual([]);
    expect(normalize(402, { error: { type: 'card_error', code: 'incorrect_cvc', param: 'cvc' } })?.fieldErrors).toEqual(
      [],
    );
  });

  it('converts form-encoding parameter names', () => {
    expect(toFieldPath('amount')).toBe('amount');
    expect(toFieldPath('line_items[0][price]')).toBe('line_items.0.price');
    expect(toFieldPath('metadata[order_id]')).toBe('metadata.order_id');
    expect(toFieldPath('expand[]')).toBe('expand');
  });
});

describe('OAuth errors (string error + error_description)', () => {
  it('maps the RFC 6749 codes and uses error_description as the message', () => {
    const grant = normalize(
      400,
      { error: 'invalid_grant', error_description: 'Refresh token does not exist' },
      {
        path: '/oauth/token',
      },
    );
    expect(grant).toMatchObject({ kind: 'authentication', code: 'invalid_grant', retryable: false });
    expect(grant?.detail).toBe('Refresh token does not exist');
    for (const code of ['invalid_request', 'invalid_scope', 'unsupported_grant_type', 'unsupported_response_type']) {
      expect(normalize(400, { error: code }, { path: '/oauth/token' })).toMatchObject({ kind: 'validation', code });
    }
  });

  it('keeps the status reading for an OAuth code it does not know, with the code', () => {
    const err = normalize(401, { error: 'something_new', error_description: 'Later' }, { path: '/oauth/token' });
    expect(err).toMatchObject({ kind: 'authentication', code: 'something_new', retryable: false });
  });
});

describe('API v2 error types', () => {
  it('reads the type table on /v2 paths only', () => {
    expect(
      normalize(400, { error: { type: 'quota_exceeded', message: 'q' } }, { path: '/v2/core/events' }),
    ).toMatchObject({
      kind: 'quota_exceeded',
      retryable: false,
    });
    expect(normalize(400, { error: { type: 'rate_limit' } }, { path: '/v2/core/events' })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
    expect(normalize(400, { error: { type: 'quota_exceeded' } }, { path: '/v1/customers' })?.kind).toBe('validation');
  });
});

describe('robustness', () => {
  const defaults = {
    kind: 'validation',
    retryable: false,
    fieldErrors: [],
  } as const;
  const context = (body: unknown, status = 400): ClassifyContext => ({
    status,
    headers: {},
    body,
    method: 'POST',
    url: 'https://api.stripe.com/v1/charges',
    path: '/v1/charges',
    readings: { retryAfterMs: undefined, rateLimit: undefined, requestId: undefined, retryHint: undefined },
    defaults: { ...defaults },
    now: 0,
  });
  const classify = stripe.classify;

  it('never throws on bodies of the wrong shape, and then keeps the defaults', () => {
    expect(classify).toBeTypeOf('function');
    if (classify === undefined) return;
    const odd: unknown[] = [
      undefined,
      null,
      'Internal Server Error',
      '<html><body>502 Bad Gateway</body></html>',
      42,
      [],
      [{ error: 'x' }],
      { error: null },
      { error: 5 },
      { error: [] },
    ];
    for (const body of odd) {
      expect(() => classify(context(body))).not.toThrow();
      expect(classify(context(body, 502))).toBeUndefined();
    }
    const polluting = JSON.parse('{"__proto__": {"polluted": true}, "error": {"constructor": {"prototype": {}}}}');
    expect(() => classify(context(polluting))).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('survives members of the wrong type inside a Stripe error object', () => {
    const err = normalize(402, { error: { type: 7, code: ['x'], decline_code: {}, message: 'Declined', param: 1 } });
    expect(err).toMatchObject({ kind: 'payment_required', retryable: false });
    expect(err?.detail).toBe('Declined');
  });

  it('never throws on arbitrary JSON, any status and any path', () => {
    if (classify === undefined) return;
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.integer({ min: 400, max: 599 }),
        fc.constantFrom('/v1/x', '/v2/x', '/oauth/token', '::not a url::'),
        (body, status, path) => {
          expect(() => classify({ ...context(body, status), url: path, path })).not.toThrow();
        },
      ),
    );
  });

  it('leaves a 2xx success alone', () => {
    if (classify === undefined) return;
    expect(classify({ ...context({ id: 'cus_FAKE0001' }, 200), defaults: null })).toBeUndefined();
  });
});

describe('declared protocol', () => {
  it('declares form bodies, a generated Idempotency-Key on POST and Stripe-Should-Retry', () => {
    expect(stripe.bodyEncoding).toBe('form');
    expect(stripe.idempotency).toEqual({ header: 'Idempotency-Key', methods: ['POST'], generate: true });
    expect(stripe.retryHintHeaders).toEqual(['stripe-should-retry']);
    expect(stripe.requestIdHeaders).toEqual(['request-id']);
  });

  it('encodes nested bodies the way stripe-node does (test/RequestSender.spec.ts)', () => {
    const body = {
      customer: 'cus_123',
      items: [
        { plan: 'foo', quantity: 2 },
        { id: 'si_123', deleted: true },
      ],
    };
    expect(formEncode(body)).toBe(
      'customer=cus_123&items[0][plan]=foo&items[0][quantity]=2&items[1][id]=si_123&items[1][deleted]=true',
    );
  });

  it('declares bearer then basic auth, has-more pagination and the documented limits (25 req/s per endpoint, 20 for Files and Search)', () => {
    expect(stripe.auth).toEqual([{ type: 'bearer' }, { type: 'basic' }]);
    expect(stripe.pagination).toEqual({
      type: 'has-more',
      hasMorePath: ['has_more'],
      itemsPath: ['data'],
      idField: 'id',
      cursorParam: 'starting_after',
    });
    expect(stripe.limits?.map((b) => [b.id, b.ratePerSec])).toEqual([
      ['live', 100],
      ['test', 25],
      ['endpoint', 25],
      ['resource', 25],
      ['stricter', 20],
    ]);
    expect(stripe.credentialTag?.('sk_test_123')).toBe('test');
    expect(stripe.credentialTag?.('sk_live_123')).toBe('live');
  });
});
