import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { twilio, twilioUrl } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;
const MESSAGES = '/2010-04-01/Accounts/ACFAKE/Messages.json';

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const json = typeof body === 'string' || body === undefined ? {} : { 'content-type': 'application/json' };
  return normalizeResponse(twilio, {
    status,
    headers: { ...json, ...options.headers },
    body,
    method: options.method ?? 'GET',
    url: `${twilio.baseUrl}${options.path ?? MESSAGES}`,
  });
}

const legacy = (status: number, code: number | string) => ({ code, message: `message of ${code}`, status });
const problem = (status: number, code: number) => ({ type: `https://x/${code}`, title: 'Title', status, code });
const errorList = (code: number) => ({ errors: [{ code, message: `message of ${code}`, context: 'null' }] });

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('twilio fixtures', () => {
  it('are at least 20, and hold no real-looking SID or token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      // Real SIDs are two letters and 32 hex digits; fixtures carry FAKE ones.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/\b(AC|SK|SM|RQ)[0-9a-f]{32}\b/);
    }
  });
});

describe('the Twilio code decides, not the HTTP status', () => {
  const table: [number, string][] = [
    [20003, 'authentication'],
    [20008, 'permission'],
    [20403, 'permission'],
    [20404, 'not_found'],
    [20429, 'rate_limited'],
    [20500, 'server'],
    [20503, 'unavailable'],
    [21211, 'validation'],
    [21608, 'permission'],
    [60202, 'quota_exceeded'],
    [60203, 'quota_exceeded'],
    [60212, 'rate_limited'],
    [60308, 'quota_exceeded'],
    [60310, 'quota_exceeded'],
    [70051, 'permission'],
  ];

  it('reads each listed code as its kind in all three bodies, whatever the status', () => {
    for (const [code, kind] of table) {
      // 418: a status with no meaning of its own, so only the code can give the kind.
      for (const body of [legacy(418, code), problem(418, code), errorList(code)]) {
        expect(normalize(418, body), `${code}`).toMatchObject({ kind, code: String(code) });
      }
    }
  });

  it('reads 20003 as authentication even on a 403, and Verify’s spent attempts as quota, not throttling', () => {
    expect(normalize(403, legacy(403, 20003))).toMatchObject({ kind: 'authentication', retryable: false });
    expect(normalize(429, legacy(429, 60203), { method: 'POST' })).toMatchObject({
      kind: 'quota_exceeded',
      retryable: false,
    });
    expect(normalize(429, legacy(429, 60212), { method: 'POST' })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
  });

  it('keeps the status reading for a code it does not list, a string code, or one named like a prototype member', () => {
    expect(normalize(400, legacy(400, 21610))).toMatchObject({ kind: 'validation', code: '21610' });
    expect(normalize(503, legacy(503, '20404'))).toMatchObject({ kind: 'unavailable', retryable: true });
    for (const code of ['constructor', '__proto__', 'hasOwnProperty']) {
      expect(normalize(503, legacy(503, code))).toMatchObject({ kind: 'unavailable', retryable: true });
    }
  });

  it('reads RFC 9457 bodies only when the SDK would: a string type/title and numeric status/code', () => {
    const body = { type: 'https://x', title: 'Not found', status: '404', code: 20404 };
    // Not a problem body (status is a string), and no `message`: no Twilio code is read, the status decides.
    expect(normalize(409, body)).toMatchObject({ kind: 'conflict' });
    expect(normalize(409, { ...body, status: 409 })).toMatchObject({ kind: 'not_found' });
  });
});

describe('429s', () => {
  it('a 20429 names the concurrency bucket as its scope; other 429s name none', () => {
    expect(normalize(429, legacy(429, 20429))?.rateLimit?.scope).toBe('concurrency');
    expect(normalize(429, errorList(20429), { headers: { 'retry-after': '3' } })).toMatchObject({
      retryAfterMs: 3_000,
      rateLimit: { scope: 'concurrency' },
    });
    expect(normalize(429, legacy(429, 60212))?.rateLimit?.scope).toBeUndefined();
    expect(normalize(429, undefined)?.rateLimit?.scope).toBeUndefined();
  });

  it('resends a throttled POST (never processed), form-encoded, and never a POST that got a 500', async () => {
    const sent: string[] = [];
    const answers = [json(429, legacy(429, 20429)), json(201, { sid: 'SMFAKE', status: 'queued' })];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${request.headers.get('content-type')} ${await request.text()}`);
      return answers.shift() ?? json(500, legacy(500, 20500));
    };
    const client = createClient(twilio, {
      auth: { username: 'ACFAKE', password: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(client.post(MESSAGES, { body: { To: '+15558675310', Body: 'Hi' } })).resolves.toMatchObject({
      sid: 'SMFAKE',
    });
    const form = 'POST application/x-www-form-urlencoded To=%2B15558675310&Body=Hi';
    expect(sent).toEqual([form, form]);
    await expect(client.post(MESSAGES, { body: { To: '+1' } })).rejects.toMatchObject({
      kind: 'server',
      attempts: 1,
      possiblyProcessed: true,
    });
  });
});

describe('5xx', () => {
  it('the Email API’s 500 is not retried ("Don’t retry the request"), its 503 is; other 500s are', () => {
    expect(normalize(500, undefined, { method: 'POST', path: '/v1/Emails' })).toMatchObject({ retryable: false });
    expect(normalize(500, undefined, { path: '/v1/Emails/Operations/FAKE' })).toMatchObject({ retryable: false });
    expect(normalize(503, undefined, { method: 'POST', path: '/v1/Emails' })).toMatchObject({ retryable: true });
    expect(normalize(500, undefined, { path: '/v1/EmailsArchive' })).toMatchObject({ retryable: true });
    expect(normalize(500, legacy(500, 20500))).toMatchObject({ retryable: true });
  });
});

describe('successes', () => {
  it('no 2xx is an error, even one whose body looks like an error', () => {
    expect(normalize(200, { code: 20429, message: 'Too Many Requests', status: 429 })).toBeNull();
    expect(normalize(200, { sid: 'SMFAKE', status: 'undelivered', error_code: 30003 })).toBeNull();
    expect(normalize(202, { statusUrl: 'https://x' }, { headers: { 'retry-after': '5' } })).toBeNull();
  });

  it('sends a JSON body as JSON when the caller says so (comms.twilio.com, Content, Conversations v2)', async () => {
    const seen: string[] = [];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      seen.push(`${request.url} ${request.headers.get('content-type')} ${await request.text()}`);
      return json(202, { operation: { id: 'FAKE' } });
    };
    const client = createClient(twilio, {
      baseUrl: twilioUrl('comms'),
      auth: { username: 'SKFAKE', password: 'FAKE-secret' },
      fetch,
      rateLimit: false,
    });
    const body = JSON.stringify({ to: [{ address: '+15558675310', channel: 'PHONE' }] });
    await client.post('/v1/Messages', { body, headers: { 'content-type': 'application/json' } });
    expect(seen).toEqual([`https://comms.twilio.com/v1/Messages application/json ${body}`]);
  });
});

describe('twilioUrl', () => {
  it('builds a product host, with edge and region as the official SDK does', () => {
    expect(twilioUrl('api')).toBe('https://api.twilio.com');
    expect(twilioUrl('preview-iam')).toBe('https://preview-iam.twilio.com');
    expect(twilioUrl('verify', { region: 'ie1' })).toBe('https://verify.ie1.twilio.com');
    expect(twilioUrl('api', { edge: 'sydney', region: 'au1' })).toBe('https://api.sydney.au1.twilio.com');
    // An edge alone goes with us1 (twilio-node BaseTwilio.getHostname).
    expect(twilioUrl('api', { edge: 'dublin' })).toBe('https://api.dublin.us1.twilio.com');
  });

  it('refuses anything that is not a DNS label', () => {
    for (const bad of ['', 'evil.com#', 'a.b', 'API', '-api', 'api/x', 'a b']) {
      expect(() => twilioUrl(bad), bad).toThrow(TypeError);
      expect(() => twilioUrl('api', { region: bad }), bad).toThrow(TypeError);
    }
  });
});

describe('robustness', () => {
  it(`never throws on arbitrary JSON, any status (seed ${SEED})`, () => {
    const classify = twilio.classify;
    if (classify === undefined) throw new Error('no classify hook');
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 200, max: 599 }), (body, status) => {
        const context = classifyContext({ url: `https://api.twilio.com${MESSAGES}`, body, status });
        expect(() => classify(context)).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});

describe('declared protocol', () => {
  it('basic auth first, form bodies, Twilio-Request-Id, the SDK’s backoff, 20429 refused unprocessed', () => {
    expect(twilio.auth).toEqual([{ type: 'basic' }, { type: 'bearer' }]);
    expect(twilio.bodyEncoding).toBe('form');
    expect(twilio.requestIdHeaders).toEqual(['twilio-request-id']);
    expect(twilio.retry).toEqual({ baseDelayMs: 200, maxDelayMs: 3_000 });
    expect(twilio.throttleRefusesRequest?.source).toBe('https://www.twilio.com/docs/api/errors/20429');
    expect(twilio.pagination).toBeUndefined();
  });
});
