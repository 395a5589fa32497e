import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { google, googleWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261127;
const JSON_TYPE = { 'content-type': 'application/json' };

function normalize(status: number, body: unknown, options: { method?: string; path?: string; now?: number } = {}) {
  // normalizeResponse reads the clock itself: pin it.
  if (options.now !== undefined) vi.useFakeTimers({ now: options.now, toFake: ['Date'] });
  return normalizeResponse(google, {
    status,
    headers: typeof body === 'string' || body === undefined ? {} : JSON_TYPE,
    body,
    method: options.method ?? 'GET',
    url: `${google.baseUrl}${options.path ?? '/drive/v3/files'}`,
  });
}

const legacy = (code: number, reason: string, extra: Record<string, unknown> = {}) => ({
  error: {
    code,
    message: `message of ${reason}`,
    errors: [{ domain: 'usageLimits', reason, message: reason }],
    ...extra,
  },
});

afterEach(() => {
  vi.useRealTimers();
});

describe('google fixtures', () => {
  it('are at least 20, and hold no real-looking token or key', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      // Google OAuth access tokens start ya29., API keys AIza.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/ya29\.|AIza[0-9A-Za-z_-]{10,}/);
    }
  });
});

describe('Workspace legacy reasons decide over the status', () => {
  it('reads each listed reason as its kind, whatever the status', () => {
    const table: [string, string][] = [
      ['rateLimitExceeded', 'rate_limited'],
      ['userRateLimitExceeded', 'rate_limited'],
      ['dailyLimitExceeded', 'quota_exceeded'],
      ['quotaExceeded', 'quota_exceeded'],
      ['storageQuotaExceeded', 'quota_exceeded'],
      ['sharingRateLimitExceeded', 'quota_exceeded'],
      ['activeItemCreationLimitExceeded', 'quota_exceeded'],
      ['numChildrenInNonRootLimitExceeded', 'quota_exceeded'],
      ['teamDriveFileLimitExceeded', 'quota_exceeded'],
      ['myDriveHierarchyDepthLimitExceeded', 'conflict'],
      ['teamDriveHierarchyTooDeep', 'conflict'],
      ['teamDrivesParentLimit', 'validation'],
      ['authError', 'authentication'],
      ['insufficientPermissions', 'permission'],
      ['insufficientFilePermissions', 'permission'],
      ['domainPolicy', 'permission'],
      ['forbiddenForNonOrganizer', 'permission'],
      ['accessNotConfigured', 'permission'],
      ['fullSyncRequired', 'conflict'],
      ['updatedMinTooLongAgo', 'conflict'],
      ['deleted', 'not_found'],
    ];
    for (const [reason, kind] of table) {
      expect(normalize(418, legacy(418, reason)), reason).toMatchObject({ kind, code: reason });
    }
  });

  it('reads a 403 rate limit as rate_limited and retryable, a 403 daily limit as a quota that is not', () => {
    expect(normalize(403, legacy(403, 'userRateLimitExceeded'))).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
    expect(normalize(403, legacy(403, 'dailyLimitExceeded'))).toMatchObject({
      kind: 'quota_exceeded',
      retryable: false,
    });
  });

  it('keeps a Drive limit never retryable when the body also names AIP-193’s status for a 403', () => {
    // AIP-193 maps HTTP 403 to PERMISSION_DENIED; a hybrid body (errors[] and status) must not take that code's rule.
    for (const reason of ['numChildrenInNonRootLimitExceeded', 'teamDriveHierarchyTooDeep', 'teamDrivesParentLimit']) {
      const error = normalize(403, legacy(403, reason, { status: 'PERMISSION_DENIED' }));
      expect(error, reason).toMatchObject({ code: reason, retryable: false });
      expect(error?.kind, reason).not.toBe('permission');
    }
  });

  it('keeps the status reading for a reason it does not know, or one named like a prototype member', () => {
    expect(normalize(400, legacy(400, 'somethingNew'))).toMatchObject({ kind: 'validation', code: 'somethingNew' });
    for (const reason of ['constructor', 'hasOwnProperty', '__proto__']) {
      expect(normalize(503, legacy(503, reason))).toMatchObject({ kind: 'unavailable', retryable: true });
    }
  });

  it('lets an ErrorInfo reason win over a legacy one in a hybrid body', () => {
    const body = {
      error: {
        code: 403,
        message: 'Drive API has not been used in project 123 before or it is disabled.',
        status: 'PERMISSION_DENIED',
        errors: [{ domain: 'usageLimits', reason: 'rateLimitExceeded', message: 'x' }],
        details: [
          { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'SERVICE_DISABLED', domain: 'googleapis.com' },
        ],
      },
    };
    expect(normalize(403, body)).toMatchObject({ kind: 'permission', code: 'SERVICE_DISABLED', retryable: false });
  });
});

describe('Gmail’s retry time in the message', () => {
  const now = Date.parse('2026-09-11T19:59:30.000Z');
  const body = legacy(403, 'rateLimitExceeded', {
    message: 'User-rate limit exceeded.  Retry after 2026-09-11T20:00:00.500Z',
  });

  it('becomes retryAfterMs on a throttle, rounded up, and nothing once the time has passed', () => {
    expect(normalize(403, body, { now })?.retryAfterMs).toBe(30_500);
    expect(normalize(403, body, { now: now + 60_000 })?.retryAfterMs).toBeUndefined();
  });

  it('is ignored on an error that is not a throttle, and RetryInfo wins over it', () => {
    const notThrottle = legacy(404, 'notFound', { message: 'Retry after 2026-09-11T20:00:00.000Z' });
    expect(normalize(404, notThrottle, { now })?.retryAfterMs).toBeUndefined();
    const both = {
      error: {
        ...body.error,
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }],
      },
    };
    expect(normalize(403, both, { now })?.retryAfterMs).toBe(2_000);
  });
});

describe('rate limits are refused, not processed', () => {
  it('resends a POST throttled with a 403 userRateLimitExceeded, never a POST that got a 500', async () => {
    const sent: string[] = [];
    const answers = [
      new Response(JSON.stringify(legacy(403, 'userRateLimitExceeded')), { status: 403, headers: JSON_TYPE }),
      new Response(JSON.stringify({ id: 'FAKE' }), { headers: JSON_TYPE }),
    ];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return (
        answers.shift() ??
        new Response(JSON.stringify(legacy(500, 'backendError')), { status: 500, headers: JSON_TYPE })
      );
    };
    const client = createClient(google, {
      auth: { token: 'FAKE-token' },
      fetch,
      rateLimit: false,
      retry: { maxRetries: 2, baseDelayMs: 0, maxDelayMs: 0 },
    });
    await expect(client.post('/calendar/v3/calendars/primary/events', { body: {} })).resolves.toEqual({ id: 'FAKE' });
    expect(sent).toEqual(['POST /calendar/v3/calendars/primary/events', 'POST /calendar/v3/calendars/primary/events']);
    await expect(client.post('/calendar/v3/calendars/primary/events', { body: {} })).rejects.toMatchObject({
      kind: 'server',
      attempts: 1,
    });
  });
});

describe('long-running operations inside HTTP 200', () => {
  const op = (extra: Record<string, unknown>) => ({ name: 'operations/FAKE', ...extra });

  it('a done operation with an error is an error of its canonical code, never retryable', () => {
    expect(normalize(200, op({ done: true, error: { code: 14, message: 'down' } }))).toMatchObject({
      status: 200,
      kind: 'unavailable',
      code: 'UNAVAILABLE',
      retryable: false,
    });
    expect(normalize(200, op({ done: true, error: { code: 5 } }))).toMatchObject({ kind: 'not_found' });
  });

  it('a running operation, a finished one with a response, and any body with an error but no done are successes', () => {
    expect(normalize(200, op({ done: false }))).toBeNull();
    expect(normalize(200, op({ done: true, response: { ok: 1 } }))).toBeNull();
    expect(normalize(200, { error: { code: 5 } })).toBeNull();
  });
});

describe('resumable uploads', () => {
  it('read "308 Resume Incomplete" under /upload/ as a success, any other 308 as core does', () => {
    const path = '/upload/drive/v3/files';
    expect(normalize(308, undefined, { method: 'PUT', path })).toBeNull();
    expect(normalize(308, undefined, { method: 'PUT', path: '/drive/v3/files' })?.kind).toBe('invalid_response');
  });
});

describe('OAuth bodies (RFC 6749) from oauth2.googleapis.com/token', () => {
  it('read through core’s shared reader', () => {
    const err = normalize(
      400,
      { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
      {
        method: 'POST',
        path: '/token',
      },
    );
    expect(err).toMatchObject({ kind: 'authentication', code: 'invalid_grant', retryable: false });
  });
});

describe('warnings', () => {
  it('flag an incomplete Drive search, nothing else', () => {
    expect(googleWarnings({ files: [], incompleteSearch: true })).toEqual([
      'incomplete search: some results may be missing',
    ]);
    for (const body of [undefined, null, 'x', [], {}, { incompleteSearch: false }, { incompleteSearch: 'true' }]) {
      expect(googleWarnings(body)).toEqual([]);
    }
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number) =>
    classifyContext({ url: 'https://www.googleapis.com/drive/v3/files', body, status });

  it(`never throws on arbitrary JSON, any status (seed ${SEED})`, () => {
    const classify = google.classify;
    if (classify === undefined) throw new Error('no classify hook');
    const bodies = fc.oneof(
      fc.jsonValue(),
      fc.record({ error: fc.jsonValue() }),
      fc.record({ done: fc.constant(true), error: fc.jsonValue() }),
    );
    fc.assert(
      fc.property(bodies, fc.integer({ min: 200, max: 599 }), (body, status) => {
        expect(() => classify(context(body, status))).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});

describe('declared protocol', () => {
  it('bearer first, then API keys in X-Goog-Api-Key or ?key, redacted everywhere', () => {
    expect(google.auth).toEqual([
      { type: 'bearer' },
      { type: 'header', header: 'x-goog-api-key' },
      { type: 'query', param: 'key' },
    ]);
    expect(google.credentialParams).toEqual(['access_token', 'refresh_token', 'client_secret']);
    expect(google.throttleRefusesRequest?.source).toContain('error_reason.proto');
  });

  it('paginates by pageToken / nextPageToken, items under `items` unless the call names another list', async () => {
    const tokens: (string | null)[] = [];
    const pages = [{ files: [{ id: 'a' }, { id: 'b' }], nextPageToken: 'FAKE-t' }, { files: [{ id: 'c' }] }];
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      tokens.push(new URL(new Request(input, init).url).searchParams.get('pageToken'));
      return new Response(JSON.stringify(pages.shift()), { headers: JSON_TYPE });
    };
    const client = createClient(google, { auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    const ids: string[] = [];
    for await (const file of client.paginate<{ id: string }>('/drive/v3/files', { itemsPath: ['files'] }))
      ids.push(file.id);
    expect(ids).toEqual(['a', 'b', 'c']);
    expect(tokens).toEqual([null, 'FAKE-t']);
    expect(google.pagination).toMatchObject({ cursorParam: 'pageToken', itemsPath: ['items'] });
  });
});
