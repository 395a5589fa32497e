import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, createScriptedFetch, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { linear } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;
const NOW = 1_733_302_400_000;

function normalize(status: number, body: unknown, headers: Record<string, string> = {}, path = '/graphql') {
  const json = typeof body === 'string' ? {} : { 'content-type': 'application/json' };
  return normalizeResponse(linear, {
    status,
    headers: { ...json, ...headers },
    body,
    method: 'POST',
    url: `${linear.baseUrl}${path}`,
  });
}

const error = (message: string, extensions: Record<string, unknown>, more: Record<string, unknown> = {}) => ({
  message,
  ...more,
  extensions,
});
const ratelimited = { errors: [error('Rate limit exceeded', { code: 'RATELIMITED', statusCode: 429 })] };

afterEach(() => {
  vi.useRealTimers();
});

describe('linear fixtures', () => {
  it('are at least 20, and hold no real-looking key', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    // Linear personal API keys start lin_api_, OAuth tokens lin_oauth_; fixtures carry none.
    for (const f of fixtures) expect(JSON.stringify(f), f.name).not.toMatch(/\blin_(api|oauth)_[A-Za-z0-9]{8,}/);
  });
});

describe('errors[] decide by extensions.type, as the official SDK', () => {
  it('maps every type of the SDK errorMap that has a meaning', () => {
    const cases: [string, string][] = [
      ['ratelimited', 'rate_limited'],
      ['authentication error', 'authentication'],
      ['forbidden', 'permission'],
      ['feature not accessible', 'permission'],
      ['invalid input', 'validation'],
      ['user error', 'validation'],
      ['graphql error', 'validation'],
      ['usage limit exceeded', 'quota_exceeded'],
      ['lock timeout', 'conflict'],
      ['internal error', 'server'],
      ['network error', 'unavailable'],
    ];
    for (const [type, kind] of cases) {
      expect(normalize(200, { data: null, errors: [error('x', { type })] })?.kind, type).toBe(kind);
    }
  });

  it('the type wins over the code; the code decides when the type is unknown', () => {
    expect(normalize(200, { errors: [error('x', { type: 'forbidden', code: 'INPUT_ERROR' })] })?.kind).toBe(
      'permission',
    );
    expect(normalize(200, { data: null, errors: [error('x', { type: 'other', code: 'FORBIDDEN' })] })?.kind).toBe(
      'permission',
    );
    expect(normalize(401, { errors: [error('x', { code: 'AUTHENTICATION_ERROR' })] })?.kind).toBe('authentication');
  });

  it('"Entity not found" under invalid input is not_found; other invalid input stays validation', () => {
    const notFound = normalize(200, {
      data: null,
      errors: [error('Entity not found: Issue', { type: 'invalid input', code: 'INPUT_ERROR' }, { path: ['issue'] })],
    });
    expect(notFound).toMatchObject({ kind: 'not_found', retryable: false, code: 'INPUT_ERROR' });
    expect(notFound?.fieldErrors).toEqual([]);
    const invalid = normalize(200, {
      data: null,
      errors: [
        error('Argument Validation Error', { type: 'invalid input', code: 'INVALID_INPUT' }, { path: ['issueCreate'] }),
      ],
    });
    expect(invalid).toMatchObject({
      kind: 'validation',
      fieldErrors: [{ path: 'issueCreate', code: 'INVALID_INPUT' }],
    });
  });

  it('the human text first (userPresentableMessage), then message, then type, with a count of the others', () => {
    const two = normalize(200, {
      data: null,
      errors: [
        error('Forbidden', { type: 'forbidden', userPresentableMessage: 'No access to this team.' }),
        error('Forbidden', { type: 'forbidden' }),
      ],
    });
    expect(two?.detail).toBe('No access to this team. (and 1 more)');
    expect(normalize(200, { data: null, errors: [error('Plain', { type: 'forbidden' })] })?.detail).toBe('Plain');
    expect(normalize(200, { data: null, errors: [{ extensions: { type: 'forbidden' } }] })?.detail).toBe('forbidden');
  });

  it('a rate limit anywhere in errors[] decides', () => {
    const body = { errors: [error('Bad', { type: 'invalid input' }), ...ratelimited.errors] };
    expect(normalize(400, body)).toMatchObject({ kind: 'rate_limited', code: 'RATELIMITED', retryable: true });
  });

  it('usage limits are quota spent (no retry); lock timeouts are retryable conflicts', () => {
    expect(normalize(200, { data: null, errors: [error('x', { type: 'usage limit exceeded' })] })).toMatchObject({
      kind: 'quota_exceeded',
      retryable: false,
    });
    expect(normalize(200, { data: null, errors: [error('x', { type: 'lock timeout' })] })).toMatchObject({
      kind: 'conflict',
      retryable: true,
    });
  });

  it('unknown errors: a request error (no data) in a 200 is validation, one beside data unknown, a 4xx keeps its status', () => {
    expect(normalize(200, { errors: [error('Syntax Error', {})] })?.kind).toBe('validation');
    expect(normalize(200, { data: { a: 1 }, errors: [error('odd', {})] })?.kind).toBe('unknown');
    expect(normalize(403, { errors: [error('odd', { type: 'other' })] })?.kind).toBe('permission');
  });

  it('partial data with errors fails the call, as in the SDK', () => {
    const partial = { data: { viewer: { id: 'FAKE' }, team: null }, errors: [error('x', { type: 'forbidden' })] };
    expect(normalize(200, partial)?.kind).toBe('permission');
  });
});

describe('successes', () => {
  it('data without errors is a success; a 200 with neither on /graphql is no answer', () => {
    expect(normalize(200, { data: { viewer: { id: 'FAKE' } } })).toBeNull();
    expect(normalize(200, { data: null })).toMatchObject({ kind: 'invalid_response', code: 'no_data_or_errors' });
    expect(normalize(200, {})).toMatchObject({ kind: 'invalid_response' });
    // Off the GraphQL endpoint (the OAuth token exchange) a body without data is data.
    expect(normalize(200, { access_token: 'FAKE', token_type: 'Bearer' }, {}, '/oauth/token')).toBeNull();
  });
});

describe('RATELIMITED waits for the budget it spent (epoch-ms resets)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
  });
  const budgets = (o: Record<string, string>) => ({
    'x-ratelimit-requests-limit': '1500',
    'x-ratelimit-requests-remaining': '900',
    'x-ratelimit-requests-reset': String(NOW + 3_600_000),
    'x-complexity': '100',
    'x-ratelimit-complexity-limit': '250000',
    'x-ratelimit-complexity-remaining': '200000',
    'x-ratelimit-complexity-reset': String(NOW + 1_800_000),
    ...o,
  });

  it('requests at zero: until the requests reset', () => {
    const e = normalize(400, ratelimited, budgets({ 'x-ratelimit-requests-remaining': '0' }));
    expect(e).toMatchObject({ kind: 'rate_limited', retryAfterMs: 3_600_000 });
    expect(e?.rateLimit).toMatchObject({ scope: 'requests', remaining: 0, limit: 1500 });
  });

  it('complexity below this query cost: until the complexity reset', () => {
    const e = normalize(400, ratelimited, budgets({ 'x-ratelimit-complexity-remaining': '99' }));
    expect(e).toMatchObject({ retryAfterMs: 1_800_000, rateLimit: { scope: 'complexity', remaining: 99 } });
    // Enough points left for this query: not the complexity budget.
    expect(normalize(400, ratelimited, budgets({}))?.retryAfterMs).toBeUndefined();
  });

  it('an endpoint budget at zero comes first', () => {
    const e = normalize(
      400,
      ratelimited,
      budgets({
        'x-ratelimit-requests-remaining': '0',
        'x-ratelimit-endpoint-requests-remaining': '0',
        'x-ratelimit-endpoint-requests-reset': String(NOW + 30_000),
      }),
    );
    expect(e).toMatchObject({ retryAfterMs: 30_000, rateLimit: { scope: 'endpoint' } });
  });

  it('measures the reset against the server clock (Date header) when it sends one', () => {
    const date = new Date(NOW - 10_000).toUTCString();
    const e = normalize(400, ratelimited, budgets({ 'x-ratelimit-requests-remaining': '0', date }));
    expect(e?.retryAfterMs).toBe(3_610_000);
  });

  it('Retry-After wins over any reset', () => {
    const e = normalize(429, ratelimited, budgets({ 'x-ratelimit-requests-remaining': '0', 'retry-after': '30' }));
    expect(e?.retryAfterMs).toBe(30_000);
  });

  it('reads no wait from malformed reset headers', () => {
    for (const reset of ['soon', '-5', '1e12', '']) {
      const e = normalize(400, ratelimited, {
        'x-ratelimit-endpoint-requests-remaining': '0',
        'x-ratelimit-endpoint-requests-reset': reset,
      });
      expect(e?.retryAfterMs, reset).toBeUndefined();
    }
  });
});

describe('through a client', () => {
  it('a RATELIMITED 400 is resent, POST as it is, after the spent budget resets', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now: NOW });
    const headers = {
      'x-ratelimit-requests-limit': '1500',
      'x-ratelimit-requests-remaining': '0',
      'x-ratelimit-requests-reset': String(NOW + 5_000),
    };
    const t = createScriptedFetch([
      { status: 400, headers, body: ratelimited },
      { status: 200, body: { data: { viewer: { id: 'FAKE' } } } },
    ]);
    const client = createClient(linear, { auth: { token: 'FAKE-key' }, fetch: t.fetch, retry: { maxRetries: 1 } });
    const call = client.post('/graphql', { body: { query: '{ viewer { id } }' } });
    await vi.advanceTimersByTimeAsync(4_900);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(call).resolves.toEqual({ data: { viewer: { id: 'FAKE' } } });
    expect(t.log).toHaveLength(2);
    await client.close();
  });

  // A reset up to an hour away (linear.app/developers/rate-limiting: budgets per hour) is core's case of a hint past
  // `maxRetryAfterMs`: decideRetry gives up at once with the wait (retry_after_too_long) instead of sleeping past the
  // cap, and the limiter pauses the spent budget, refusing calls while the pause outlasts `maxHoldMs`.
  it('a reset past maxRetryAfterMs fails at once with retryAfterMs; the paused budget refuses the next call', async () => {
    const f = fixtures.find((x) => x.name === 'ratelimited-400-complexity-budget');
    if (f === undefined) throw new Error('fixture ratelimited-400-complexity-budget missing');
    const now = Date.parse(f.now ?? '');
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'], now });
    const step = { status: 400, headers: f.response.headers as Record<string, string>, body: f.response.body };
    const ok = { status: 200, body: { data: { viewer: { id: 'FAKE' } } } };
    const query = { body: { query: '{ viewer { id } }' } };
    const t = createScriptedFetch([step, ok]);
    const client = createClient(linear, { auth: { token: 'FAKE-key' }, fetch: t.fetch });
    const first = client.post('/graphql', query).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    await expect(first).resolves.toMatchObject({ kind: 'rate_limited', code: 'RATELIMITED', retryAfterMs: 600_000 });
    const second = client.post('/graphql', query).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    await expect(second).resolves.toMatchObject({ kind: 'rate_limited', code: 'rate_limit_hold' });
    expect(t.log).toHaveLength(1);
    await client.close();
    // Without a limiter and with a deadline long enough, the cap alone still ends the call at once.
    const v = createScriptedFetch([step, ok]);
    const bare = createClient(linear, {
      auth: { token: 'FAKE-key' },
      fetch: v.fetch,
      rateLimit: false,
      deadlineMs: 700_000,
    });
    const third = bare.post('/graphql', query).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(0);
    await expect(third).resolves.toMatchObject({ code: 'RATELIMITED', retryAfterMs: 600_000 });
    expect(v.log).toHaveLength(1);
    await bare.close();
    // A caller who allows the wait gets it: the same answer is then sat out and the query sent again.
    const u = createScriptedFetch([step, ok]);
    const patient = createClient(linear, {
      auth: { token: 'FAKE-key' },
      fetch: u.fetch,
      retry: { maxRetryAfterMs: 600_000 },
      rateLimit: { maxHoldMs: 600_000 },
      deadlineMs: 700_000,
    });
    const call = patient.post('/graphql', query);
    await vi.advanceTimersByTimeAsync(599_000);
    expect(u.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    await expect(call).resolves.toEqual(ok.body);
    await patient.close();
  });

  it('sends a personal API key as-is, an OAuth token as a bearer token', async () => {
    const seen: (string | null)[] = [];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      seen.push(new Request(input, init).headers.get('authorization'));
      return new Response(JSON.stringify({ data: {} }), { headers: { 'content-type': 'application/json' } });
    };
    const key = createClient(linear, { auth: { token: 'FAKE-key' }, fetch, rateLimit: false });
    await key.post('/graphql', { body: { query: '{ viewer { id } }' } });
    const oauth = createClient(linear, { auth: { token: 'FAKE-oauth', scheme: 'bearer' }, fetch, rateLimit: false });
    await oauth.post('/graphql', { body: { query: '{ viewer { id } }' } });
    expect(seen).toEqual(['FAKE-key', 'Bearer FAKE-oauth']);
  });
});

describe('robustness', () => {
  it(`never throws on arbitrary JSON, any status (seed ${SEED})`, () => {
    const classify = linear.classify;
    if (classify === undefined) throw new Error('no classify hook');
    const anyError = fc.record(
      { message: fc.jsonValue(), extensions: fc.jsonValue(), path: fc.jsonValue() },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record({ data: fc.jsonValue(), errors: fc.array(anyError) }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(body, fc.integer({ min: 200, max: 599 }), (b, status) => {
        const ctx = classifyContext({ url: 'https://api.linear.app/graphql', body: b, status });
        expect(() => classify(ctx)).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});
