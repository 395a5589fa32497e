// Asana's own pages, case by case: the errors page (its examples and status table) and the rate-limits page (its
// sample 429), read by normalizeResponse; then the official client's retry decision next to Rosetta's. Text and bodies
// from Asana/developer-docs@39208265 source/includes/markdown/_errors.html.md and _rate-limits.html.md (the pages of
// https://developers.asana.com/docs/errors and /docs/rate-limits).
import { createClient, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { asana } from '../src/index';

const JSON_TYPE = { 'content-type': 'application/json' };
const errors = (message: string, extra: Record<string, string> = {}) => ({ errors: [{ message, ...extra }] });

function normalize(status: number, body: unknown, headers: Record<string, string> = {}) {
  return normalizeResponse(asana, {
    status,
    headers: { ...JSON_TYPE, ...headers },
    body,
    method: 'GET',
    url: 'https://app.asana.com/api/1.0/users/me',
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the errors page (https://developers.asana.com/docs/errors)', () => {
  it('"Missing authorization header": 401 Not Authorized', () => {
    expect(normalize(401, errors('Not Authorized'))).toMatchObject({ kind: 'authentication', retryable: false });
  });

  it('"Bad request parameters": 400 "workspace: Missing input", the parameter as a field error', () => {
    expect(normalize(400, errors('workspace: Missing input'))).toMatchObject({
      kind: 'validation',
      retryable: false,
      fieldErrors: [{ path: 'workspace', message: 'Missing input' }],
    });
  });

  it('"Asana had a problem": 500 with a phrase, "used by Asana support to quickly look up the incident"', () => {
    expect(normalize(500, errors('Server Error', { phrase: '6 sad squid snuggle softly' }))).toMatchObject({
      kind: 'server',
      retryable: true,
      requestId: '6 sad squid snuggle softly',
    });
    // "Some errors are due to server load, and will not supply an error phrase."
    expect(normalize(500, errors('Server Error'))).toMatchObject({ kind: 'server', retryable: true });
  });

  // [status, what the table says, kind, retryable]
  const table: [number, string, string, boolean][] = [
    [400, 'a missing or malformed parameter', 'validation', false],
    [401, 'a valid authentication token was not provided (or the workspace disabled the app)', 'authentication', false],
    [402, 'only available to premium organizations and workspaces', 'payment_required', false],
    [403, 'objects or properties the user does not have access to', 'permission', false],
    [404, 'no known action, or the object does not exist', 'not_found', false],
    [429, 'exceeded one of the enforced rate limits', 'rate_limited', true],
    [451, 'blocked for legal reasons, commonly embargoed IP addresses', 'permission', false],
    [500, "a problem on Asana's end", 'server', true],
  ];
  it.each(table)('%i: %s', (status, _said, kind, retryable) => {
    expect(normalize(status, errors('message'))).toMatchObject({ status, kind, retryable });
  });
});

describe('the rate-limits page (https://developers.asana.com/docs/rate-limits)', () => {
  const sample = errors(
    "You've made too many requests and hit a rate limit. Please retry after the given amount of time.",
  );

  it('reads the sample 429 (standard limiter): Retry-After 30 s', () => {
    expect(normalize(429, sample, { 'retry-after': '30' })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 30_000,
    });
  });

  it('"the client libraries ... wait the appropriate amount of time before automatically retrying": a POST waits 30 s and is resent', async () => {
    // Every limiter (standard, concurrent, cost) refuses the request before it runs, so the method does not matter.
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 27) });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '30' }, body: sample },
      { status: 201, body: { data: { gid: '1' } } },
    ]);
    const client = createClient(asana, { auth: { token: 'FAKE-token' }, fetch: t.fetch, retry: { random: () => 0 } });
    const call = client.post('/tasks', { body: { data: { name: 'x' } } });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(t.log).toEqual(['START POST /api/1.0/tasks']);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ data: { gid: '1' } });
    expect(t.log).toHaveLength(2);
  });
});

// python-asana v5.2.2 asana/configuration.py (Asana/python-asana@24f6c10): urllib3 `Retry(total=5, backoff_factor=2,
// status_forcelist=[429, 500, 502, 503, 504])`, with urllib3's default `allowed_methods` (DELETE, GET, HEAD, OPTIONS,
// PUT, TRACE) and Retry-After honoured on 429 and 503. node-asana v3.1.9 (Asana/node-asana@fd26d23) retries nothing.
const PY_STATUSES = [429, 500, 502, 503, 504];
const PY_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PUT', 'TRACE'];
const pythonRetries = (method: string, status: number): boolean =>
  PY_METHODS.includes(method) && PY_STATUSES.includes(status);

describe('retry decisions: python-asana next to Rosetta', () => {
  // [what, method, status, python-asana resends, Rosetta resends, why they differ]
  const rows: [string, 'GET' | 'POST', number, boolean, boolean, string][] = [
    ['429, GET', 'GET', 429, true, true, ''],
    ['429, POST', 'POST', 429, false, true, 'the rate-limits page: a throttled request is refused; urllib3 skips POST'],
    ['500, GET', 'GET', 500, true, true, ''],
    ['503, GET', 'GET', 503, true, true, ''],
    ['504, GET', 'GET', 504, true, true, ''],
    ['500, POST', 'POST', 500, false, false, ''],
    ['402, GET', 'GET', 402, false, false, ''],
  ];

  it.each(rows)('%s', async (_what, method, status, python, rosetta) => {
    expect(pythonRetries(method, status)).toBe(python);
    const t = createScriptedFetch([
      { status, body: errors('message') },
      { status: 200, body: { data: {} } },
    ]);
    const client = createClient(asana, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      rateLimit: false,
      retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, random: () => 0 },
    });
    const outcome = await client.request({ method, path: '/tasks', ...(method === 'GET' ? {} : { body: {} }) }).then(
      () => 'resent',
      (e: { attempts: number }) => `failed after ${e.attempts}`,
    );
    expect(outcome).toBe(rosetta ? 'resent' : 'failed after 1');
  });
});
