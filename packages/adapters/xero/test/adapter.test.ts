import { normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xero, xeroWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;
const BASE = 'https://api.xero.com/api.xro/2.0';

function normalize(status: number, body: unknown, headers: Record<string, string> = {}, method = 'GET') {
  const json = typeof body === 'string' || body === undefined ? {} : { 'content-type': 'application/json' };
  return normalizeResponse(xero, { status, headers: { ...json, ...headers }, body, method, url: `${BASE}/Invoices` });
}

const exception = (...messages: string[]) => ({
  ErrorNumber: 10,
  Type: 'ValidationException',
  Message: 'A validation exception occurred',
  Elements: [{ ValidationErrors: messages.map((Message) => ({ Message })) }],
});
const element = (status: string, message?: string) => ({
  StatusAttributeString: status,
  ...(message === undefined ? {} : { ValidationErrors: [{ Message: message }] }),
});

describe('xero fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const f of fixtures) expect(JSON.stringify(f), f.name).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}/);
  });
});

describe('Accounting ApiException', () => {
  it('reads Type as the code and joins the validation messages after Message', () => {
    const err = normalize(400, exception('Email address must be valid.', 'Invoice # must be unique.'));
    expect(err).toMatchObject({ kind: 'validation', code: 'ValidationException', retryable: false });
    expect(err?.detail).toBe(
      'A validation exception occurred: Email address must be valid.; Invoice # must be unique.',
    );
  });

  it('keeps Message alone when no element has a validation error', () => {
    const body = { ErrorNumber: 14, Type: 'PostDataInvalidException', Message: "The string '20100510' is not valid." };
    expect(normalize(400, body)).toMatchObject({ code: 'PostDataInvalidException', detail: body.Message });
  });
});

describe('problem details (core reads message and fields; the adapter the code)', () => {
  it('reads the token at the head of a PascalCase Detail as the code', () => {
    const body = { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired: token expired at x' };
    expect(normalize(401, body)).toMatchObject({ kind: 'authentication', code: 'TokenExpired' });
  });

  it('explains a 403 AuthenticationUnsuccessful as the tenant header, but not at another status', () => {
    const body = { title: 'Forbidden', status: 403, detail: 'AuthenticationUnsuccessful' };
    expect(normalize(403, body)?.detail).toContain('xero-tenant-id');
    expect(normalize(401, { ...body, status: 401 })?.detail).toBe('AuthenticationUnsuccessful');
  });

  it('reads Payroll’s envelope: detail and invalidFields of its problem', () => {
    const body = {
      id: 'FAKE',
      httpStatusCode: 'BadRequest',
      problem: {
        title: 'BadRequest',
        detail: 'Validation error occurred.',
        invalidFields: [{ name: 'x', reason: 'y' }],
      },
    };
    expect(normalize(400, body)).toMatchObject({
      detail: 'Validation error occurred.',
      fieldErrors: [{ path: 'x', message: 'y' }],
    });
  });
});

describe('429: which limit', () => {
  const throttled = (headers: Record<string, string>) => normalize(429, undefined, headers);

  it('X-Rate-Limit-Problem: day is a spent quota, with its Retry-After, never retried', () => {
    const err = throttled({ 'x-rate-limit-problem': 'day', 'retry-after': '66975' });
    expect(err).toMatchObject({ kind: 'quota_exceeded', retryable: false, code: 'day', retryAfterMs: 66_975_000 });
    expect(err?.rateLimit?.scope).toBe('day');
    // Third-party reports of other casings read the same.
    expect(throttled({ 'x-rate-limit-problem': 'Daily' })?.kind).toBe('quota_exceeded');
    expect(throttled({ 'x-rate-limit-problem': 'DayLimit' })?.kind).toBe('quota_exceeded');
  });

  it('minute, concurrent and app-minute are waits scoped to their bucket, coded with Xero’s word as sent', () => {
    for (const [problem, scope] of [
      ['minute', 'minute'],
      ['concurrent', 'concurrent'],
      ['appminute', 'app-minute'],
      ['AppMinute', 'app-minute'],
    ] as const) {
      const err = throttled({ 'x-rate-limit-problem': ` ${problem} `, 'retry-after': '5' });
      expect(err, problem).toMatchObject({ kind: 'rate_limited', retryable: true, code: problem, retryAfterMs: 5_000 });
      expect(err?.rateLimit?.scope, problem).toBe(scope);
    }
    expect(throttled({ 'x-rate-limit-problem': 'Daily' })).toMatchObject({
      code: 'Daily',
      rateLimit: { scope: 'day' },
    });
  });

  it('without the header, the remaining count at 0 says which limit', () => {
    expect(throttled({ 'x-daylimit-remaining': '0', 'x-minlimit-remaining': '5' })?.kind).toBe('quota_exceeded');
    const minute = throttled({ 'x-daylimit-remaining': '10', 'x-minlimit-remaining': '0' });
    expect(minute).toMatchObject({
      kind: 'rate_limited',
      code: 'minute',
      rateLimit: { remaining: 0, scope: 'minute' },
    });
    // Xero's word for the limit the zero count named, not the bucket id.
    expect(throttled({ 'x-appminlimit-remaining': '0' })).toMatchObject({
      code: 'appminute',
      rateLimit: { remaining: 0, scope: 'app-minute' },
    });
    expect(throttled({ 'x-daylimit-remaining': '0' })).toMatchObject({ kind: 'quota_exceeded', code: 'day' });
    // A word Xero has not been seen to send: still a wait, kept as the code, no bucket named.
    const unknown = throttled({ 'x-rate-limit-problem': 'hourly' });
    expect(unknown).toMatchObject({ kind: 'rate_limited', retryable: true, code: 'hourly' });
    expect(unknown?.rateLimit?.scope).toBeUndefined();
    expect(throttled({})?.code).toBeUndefined();
  });
});

describe('503', () => {
  it('the OAuth 1.0a-era form body is a throttle, any other text an outage', () => {
    const form = 'oauth_problem=rate%20limit%20exceeded&oauth_problem_advice=please%20wait';
    expect(normalize(503, form)).toMatchObject({ kind: 'rate_limited', retryable: true });
    expect(normalize(503, 'The Xero API is temporarily unavailable')).toMatchObject({ kind: 'unavailable' });
  });
});

describe('errors inside HTTP 200', () => {
  it('a batch whose every element failed is a validation error; a partial one a success with a warning', () => {
    const all = { Id: 'FAKE', Invoices: [element('ERROR', 'Invoice # must be unique.'), element('ERROR')] };
    expect(normalize(200, all)).toMatchObject({ kind: 'validation', code: 'ValidationException', retryable: false });
    expect(normalize(200, all)?.detail).toBe('Invoice # must be unique.');
    const partial = { Id: 'FAKE', Invoices: [element('OK'), element('ERROR', 'Invoice # must be unique.')] };
    expect(normalize(200, partial)).toBeNull();
    expect(xeroWarnings(partial)).toEqual(['1 of 2 elements failed validation: Invoice # must be unique.']);
  });

  it('elements without StatusAttributeString, `problem: null` and empty lists are successes without warnings', () => {
    for (const body of [{ Invoices: [{ HasErrors: false }] }, { problem: null, employees: [] }, { Invoices: [] }]) {
      expect(normalize(200, body), JSON.stringify(body)).toBeNull();
      expect(xeroWarnings(body)).toEqual([]);
    }
    for (const body of ['x', null, [], 7]) expect(xeroWarnings(body)).toEqual([]);
    expect(xeroWarnings({ Invoices: [element('OK'), element('WARNING')] })).toEqual([]);
  });
});

describe('declared protocol', () => {
  it('bearer auth, xero-correlation-id, a generated Idempotency-Key on POST and PUT', () => {
    expect(xero.auth).toEqual([{ type: 'bearer' }]);
    expect(xero.requestIdHeaders).toEqual(['xero-correlation-id']);
    expect(xero.idempotency).toEqual({ header: 'Idempotency-Key', methods: ['POST', 'PUT'], generate: true });
    expect(normalize(500, undefined, { 'xero-correlation-id': 'FAKE-c' })?.requestId).toBe('FAKE-c');
  });
});

describe('robustness', () => {
  it(`never throws on arbitrary JSON and headers, any status (seed ${SEED})`, () => {
    const classify = xero.classify;
    if (classify === undefined) throw new Error('no classify hook');
    const headers = fc.dictionary(
      fc.constantFrom('x-rate-limit-problem', 'x-daylimit-remaining', 'x-minlimit-remaining', 'retry-after', 'a'),
      fc.string(),
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 599 }), headers, (body, status, h) => {
        const ctx = classifyContext({ url: `${BASE}/Invoices`, path: '/Invoices', body, status, headers: h });
        expect(() => classify(ctx)).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});
