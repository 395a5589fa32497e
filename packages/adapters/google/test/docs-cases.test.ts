// Every error case of Google's own "Resolve errors" pages, as those pages print the body, read by normalizeResponse;
// then the official client's retry decision (gaxios) next to Rosetta's on the same answers. Bodies are copied from the
// pages (the Drive page as fetched on its "Last updated 2026-04-01" revision); ids are fakes.
import { createClient, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { google } from '../src/index';

const DRIVE = 'https://developers.google.com/workspace/drive/api/guides/handle-errors';
const JSON_TYPE = { 'content-type': 'application/json; charset=UTF-8' };

/** A Workspace legacy body as the Drive page prints it: one `errors[]` item and the top-level code and message. */
const legacy = (code: number, domain: string, reason: string, message: string, top = message) => ({
  error: { errors: [{ domain, reason, message }], code, message: top },
});

interface Case {
  readonly name: string;
  readonly status: number;
  readonly body: unknown;
  readonly expected: Record<string, unknown>;
}

// Source of every row: DRIVE, the section named like the reason.
const driveCases: Case[] = [
  {
    name: 'badRequest (the parameter in `location`)',
    status: 400,
    body: {
      error: {
        code: 400,
        errors: [
          {
            domain: 'global',
            location: 'orderBy',
            locationType: 'parameter',
            message:
              'Sorting is not supported for queries with fullText terms. Results are always in descending relevance order.',
            reason: 'badRequest',
          },
        ],
        message:
          'Sorting is not supported for queries with fullText terms. Results are always in descending relevance order.',
      },
    },
    expected: { kind: 'validation', code: 'badRequest', retryable: false, fieldErrors: [{ path: 'orderBy' }] },
  },
  {
    name: 'illegalKeepForeverModification',
    status: 400,
    body: legacy(
      400,
      'global',
      'illegalKeepForeverModification',
      'Bad Request. Cannot update a revision to false that is marked as keepForever.',
    ),
    expected: { kind: 'validation', retryable: false },
  },
  {
    name: 'invalidSharingRequest (emails not sent)',
    status: 400,
    body: legacy(
      400,
      'global',
      'invalidSharingRequest',
      'Bad Request. User message: "Sorry, the items were successfully shared but emails could not be sent to email@domain.com."',
      'Bad Request',
    ),
    expected: { kind: 'validation', code: 'invalidSharingRequest', retryable: false },
  },
  {
    name: 'authError ("refresh the access token")',
    status: 401,
    body: {
      error: {
        errors: [
          {
            domain: 'global',
            reason: 'authError',
            message: 'Invalid Credentials',
            locationType: 'header',
            location: 'Authorization',
          },
        ],
        code: 401,
        message: 'Invalid Credentials',
      },
    },
    expected: { kind: 'authentication', code: 'authError', retryable: false },
  },
  {
    name: 'dailyLimitExceeded ("remove any usage caps for the Queries per day quota")',
    status: 403,
    body: legacy(403, 'usageLimits', 'dailyLimitExceeded', 'Daily Limit Exceeded'),
    expected: { kind: 'quota_exceeded', code: 'dailyLimitExceeded', retryable: false },
  },
  {
    name: 'rateLimitExceeded as a 403 ("use exponential backoff")',
    status: 403,
    body: legacy(403, 'usageLimits', 'rateLimitExceeded', 'Rate Limit Exceeded'),
    expected: { kind: 'rate_limited', code: 'rateLimitExceeded', retryable: true },
  },
  {
    name: 'userRateLimitExceeded ("use exponential backoff")',
    status: 403,
    body: legacy(403, 'usageLimits', 'userRateLimitExceeded', 'User Rate Limit Exceeded'),
    expected: { kind: 'rate_limited', code: 'userRateLimitExceeded', retryable: true },
  },
  {
    // "often linked with an email limit"; the fix is to stop sending emails, not to back off.
    name: 'sharingRateLimitExceeded (no backoff advised)',
    status: 403,
    body: legacy(
      403,
      'global',
      'sharingRateLimitExceeded',
      'Rate limit exceeded. User message: "These item(s) could not be shared because a rate limit was exceeded: filename',
      'Rate Limit Exceeded',
    ),
    expected: { kind: 'quota_exceeded', code: 'sharingRateLimitExceeded', retryable: false },
  },
  {
    name: 'storageQuotaExceeded',
    status: 403,
    body: legacy(403, 'global', 'storageQuotaExceeded', "The user's Drive storage quota has been exceeded."),
    expected: { kind: 'quota_exceeded', code: 'storageQuotaExceeded', retryable: false },
  },
  {
    name: 'domainPolicy',
    status: 403,
    body: legacy(403, 'global', 'domainPolicy', 'The domain administrators have disabled Drive apps.'),
    expected: { kind: 'permission', code: 'domainPolicy', retryable: false },
  },
  {
    name: 'insufficientFilePermissions',
    status: 403,
    body: legacy(
      403,
      'global',
      'insufficientFilePermissions',
      'The user does not have sufficient permissions for file {fileId}.',
    ),
    expected: { kind: 'permission', code: 'insufficientFilePermissions', retryable: false },
  },
  {
    name: 'appNotAuthorizedToFile',
    status: 403,
    body: legacy(
      403,
      'global',
      'appNotAuthorizedToFile',
      'The user has not granted the app {appId} {verb} access to the file {fileId}.',
    ),
    expected: { kind: 'permission', code: 'appNotAuthorizedToFile', retryable: false },
  },
  {
    // The caps on what an account, a folder, a shared drive holds: freed by deleting items, never by waiting.
    name: 'activeItemCreationLimitExceeded ("permanently delete some objects")',
    status: 403,
    body: legacy(
      403,
      'global',
      'activeItemCreationLimitExceeded',
      'This account has exceeded the creation limit of 500 million items. To create more items, permanently delete some items.',
    ),
    expected: { kind: 'quota_exceeded', code: 'activeItemCreationLimitExceeded', retryable: false },
  },
  {
    name: 'numChildrenInNonRootLimitExceeded ("500,000 item limit … directly in a folder")',
    status: 403,
    body: legacy(
      403,
      'global',
      'numChildrenInNonRootLimitExceeded',
      "The limit for this folder's number of children (files and folders) has been exceeded.",
    ),
    expected: { kind: 'quota_exceeded', code: 'numChildrenInNonRootLimitExceeded', retryable: false },
  },
  {
    name: 'teamDriveFileLimitExceeded ("reduce the number of items in the shared drive")',
    status: 403,
    body: legacy(
      403,
      'global',
      'teamDriveFileLimitExceeded',
      'The file limit for this shared drive has been exceeded.',
    ),
    expected: { kind: 'quota_exceeded', code: 'teamDriveFileLimitExceeded', retryable: false },
  },
  {
    // Play Games' pending snapshot uploads: not read specially; the 403's reading stands, never resent.
    name: 'UrlLeaseLimitExceeded ("complete or cancel any uploads for a snapshot")',
    status: 403,
    body: legacy(
      403,
      'usageLimits',
      'UrlLeaseLimitExceeded',
      'Too many pending uploads for this snapshot. Please finish or cancel some before creating more.',
    ),
    expected: { kind: 'permission', code: 'UrlLeaseLimitExceeded', retryable: false },
  },
  {
    // Nesting limits: the parent's place in the tree, which only reorganizing folders changes.
    name: 'myDriveHierarchyDepthLimitExceeded ("reorganize the intended parent folder")',
    status: 403,
    body: legacy(
      403,
      'global',
      'myDriveHierarchyDepthLimitExceeded',
      "Your My Drive can't contain more than 100 levels of folders. For details, see https://developers.google.com/workspace/drive/api/guides/handle-errors#nested-folder-levels.",
    ),
    expected: { kind: 'conflict', code: 'myDriveHierarchyDepthLimitExceeded', retryable: false },
  },
  {
    name: 'teamDriveHierarchyTooDeep',
    status: 403,
    body: legacy(403, 'global', 'teamDriveHierarchyTooDeep', 'The shared drive hierarchy depth will exceed the limit.'),
    expected: { kind: 'conflict', code: 'teamDriveHierarchyTooDeep', retryable: false },
  },
  {
    name: 'teamDrivesParentLimit ("use Drive shortcuts")',
    status: 403,
    body: legacy(403, 'global', 'teamDrivesParentLimit', 'A shared drive item must have exactly one parent.'),
    expected: { kind: 'validation', code: 'teamDrivesParentLimit', retryable: false },
  },
  {
    name: 'teamDriveMembershipRequired',
    status: 403,
    body: legacy(
      403,
      'global',
      'teamDriveMembershipRequired',
      'The attempted action requires shared drive membership.',
    ),
    expected: { kind: 'permission', retryable: false },
  },
  {
    name: 'notFound',
    status: 404,
    body: legacy(404, 'global', 'notFound', 'File not found {fileId}', 'File not found: {fileId}'),
    expected: { kind: 'not_found', code: 'notFound', retryable: false },
  },
  {
    name: 'rateLimitExceeded as a 429 ("use exponential backoff")',
    status: 429,
    body: legacy(429, 'usageLimits', 'rateLimitExceeded', 'Rate Limit Exceeded'),
    expected: { kind: 'rate_limited', code: 'rateLimitExceeded', retryable: true },
  },
  {
    name: '500 Backend error ("use exponential backoff")',
    status: 500,
    body: legacy(500, 'global', 'backendError', 'Backend Error'),
    expected: { kind: 'server', code: 'backendError', retryable: true },
  },
  ...[502, 503, 504].map((status) => ({
    name: `${status} (the page's 5xx list: "use exponential backoff")`,
    status,
    body: legacy(status, 'global', 'backendError', 'Backend Error'),
    expected: { kind: 'unavailable', retryable: true },
  })),
];

afterEach(() => {
  vi.useRealTimers();
});

describe(`Drive's "Resolve errors" page, case by case (${DRIVE})`, () => {
  it.each(driveCases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const error = normalizeResponse(google, {
      status: c.status,
      headers: JSON_TYPE,
      body: c.body,
      method: 'GET',
      url: 'https://www.googleapis.com/drive/v3/files',
    });
    expect(error).toMatchObject(c.expected);
  });
});

// The ErrorInfo examples of googleapis/googleapis google/api/error_reason.proto (googleapis/googleapis@f8291d2b89),
// each inside the AIP-193 envelope of its canonical code (https://google.aip.dev/193: 429 RESOURCE_EXHAUSTED).
describe('error_reason.proto’s quota examples, in a 429 RESOURCE_EXHAUSTED envelope', () => {
  const exhausted = (reason: string, service: string, metric: string, limit: string) => ({
    error: {
      code: 429,
      message: `Quota exceeded for quota metric '${metric}' and limit '${limit}' of service '${service}'.`,
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason,
          domain: 'googleapis.com',
          metadata: { consumer: 'projects/123', service, quota_metric: metric, quota_limit: limit },
        },
      ],
    },
  });
  const rows: [string, unknown, Record<string, unknown>][] = [
    [
      'RATE_LIMIT_EXCEEDED, ReadsPerMinutePerProject: a wait, scoped to the limit',
      exhausted(
        'RATE_LIMIT_EXCEEDED',
        'pubsub.googleapis.com',
        'pubsub.googleapis.com/read_requests',
        'ReadsPerMinutePerProject',
      ),
      { kind: 'rate_limited', retryable: true, rateLimit: { scope: 'ReadsPerMinutePerProject' } },
    ],
    [
      'RATE_LIMIT_EXCEEDED, DefaultRequestsPerMinutePerOrganization',
      exhausted(
        'RATE_LIMIT_EXCEEDED',
        'dataflow.googleapis.com',
        'dataflow.googleapis.com/default_requests',
        'DefaultRequestsPerMinutePerOrganization',
      ),
      { kind: 'rate_limited', retryable: true },
    ],
    [
      'RESOURCE_QUOTA_EXCEEDED, VMsPerProject: freed by deleting resources, never by waiting',
      exhausted('RESOURCE_QUOTA_EXCEEDED', 'compute.googleapis.com', 'compute.googleapis.com/vms', 'VMsPerProject'),
      { kind: 'quota_exceeded', retryable: false, code: 'RESOURCE_QUOTA_EXCEEDED' },
    ],
  ];

  it.each(rows)('%s', (_name, body, expected) => {
    const error = normalizeResponse(google, {
      status: 429,
      headers: JSON_TYPE,
      body,
      method: 'POST',
      url: 'https://pubsub.googleapis.com/v1/projects/123/subscriptions/FAKE:pull',
    });
    expect(error).toMatchObject(expected);
  });
});

// gaxios src/retry.ts (googleapis/gaxios@0190a1dada809ce7b2bc1022d6765b6f5725bb82, what googleapis and
// google-auth-library retry with): `statusCodesToRetry` [[100,199],[408,408],[429,429],[500,599]], `httpMethodsToRetry`
// GET, HEAD, PUT, OPTIONS, DELETE, and `getNextRetryDelay` from its own backoff only: no header or RetryInfo is read.
const GAXIOS_RANGES = [
  [100, 199],
  [408, 408],
  [429, 429],
  [500, 599],
] as const;
const GAXIOS_METHODS = ['GET', 'HEAD', 'PUT', 'OPTIONS', 'DELETE'];
const gaxiosRetries = (method: string, status: number): boolean =>
  GAXIOS_METHODS.includes(method) && GAXIOS_RANGES.some(([min, max]) => status >= min && status <= max);

describe('retry decisions: gaxios next to Rosetta, on the documented answers', () => {
  const perDay = {
    error: {
      code: 429,
      message: 'You exceeded your current quota, please check your plan and billing details.',
      status: 'RESOURCE_EXHAUSTED',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
          violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }],
        },
        { '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '38s' },
      ],
    },
  };
  // [what, method, status, body, gaxios resends, Rosetta resends, why they differ]
  const rows: [string, 'GET' | 'POST', number, unknown, boolean, boolean, string][] = [
    ['429 rateLimitExceeded, GET', 'GET', 429, legacy(429, 'usageLimits', 'rateLimitExceeded', 'x'), true, true, ''],
    [
      '403 userRateLimitExceeded, GET',
      'GET',
      403,
      legacy(403, 'usageLimits', 'userRateLimitExceeded', 'x'),
      false,
      true,
      'the Drive page prescribes exponential backoff for this 403; gaxios retries no 403',
    ],
    [
      '429 rateLimitExceeded, POST',
      'POST',
      429,
      legacy(429, 'usageLimits', 'rateLimitExceeded', 'x'),
      false,
      true,
      'a rate-quota refusal happens before the method runs (throttleRefusesRequest); gaxios never resends a POST',
    ],
    ['500 backendError, GET', 'GET', 500, legacy(500, 'global', 'backendError', 'x'), true, true, ''],
    [
      '503, POST',
      'POST',
      503,
      legacy(503, 'global', 'backendError', 'x'),
      false,
      false,
      'DESIGN.md: a POST without an idempotency key is never sent twice',
    ],
    [
      '501, GET',
      'GET',
      501,
      { error: { code: 501, message: 'Method not implemented.', status: 'UNIMPLEMENTED' } },
      true,
      false,
      'UNIMPLEMENTED never succeeds on a retry; gaxios retries the whole 5xx range',
    ],
    [
      '429 per-day quota, GET',
      'GET',
      429,
      perDay,
      true,
      false,
      'a per-day quota is not freed in seconds; gaxios retries every 429',
    ],
    [
      '403 sharingRateLimitExceeded, POST',
      'POST',
      403,
      legacy(403, 'global', 'sharingRateLimitExceeded', 'x'),
      false,
      false,
      '',
    ],
    [
      '403 dailyLimitExceeded, GET',
      'GET',
      403,
      legacy(403, 'usageLimits', 'dailyLimitExceeded', 'x'),
      false,
      false,
      '',
    ],
  ];

  it.each(rows)('%s', async (_what, method, status, body, gaxios, rosetta) => {
    expect(gaxiosRetries(method, status)).toBe(gaxios);
    const t = createScriptedFetch([
      { status, body },
      { status: 200, body: { id: 'FAKE' } },
    ]);
    const client = createClient(google, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      rateLimit: false,
      retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, random: () => 0 },
    });
    const outcome = await client
      .request({ method, path: '/drive/v3/files', ...(method === 'GET' ? {} : { body: {} }) })
      .then(
        () => 'resent and succeeded',
        (e: { attempts: number }) => `failed after ${e.attempts}`,
      );
    expect(outcome).toBe(rosetta ? 'resent and succeeded' : 'failed after 1');
    expect(t.log).toHaveLength(rosetta ? 2 : 1);
  });

  it('waits for RetryInfo.retryDelay, which gaxios does not read (it waits its own 100 ms, then 1 s, 3 s, ...)', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 27) });
    const body = {
      error: {
        code: 429,
        message: 'Resource has been exhausted (e.g. check quota).',
        status: 'RESOURCE_EXHAUSTED',
        details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '37s' }],
      },
    };
    const t = createScriptedFetch([
      { status: 429, body },
      { status: 200, body: { id: 'FAKE' } },
    ]);
    const client = createClient(google, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      retry: { random: () => 0 },
    });
    const call = client.get('/v1/projects/FAKE/topics');
    await vi.advanceTimersByTimeAsync(36_999);
    expect(t.log).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(call).resolves.toEqual({ id: 'FAKE' });
    expect(t.log).toHaveLength(2);
  });
});

// googleapis/google-api-python-client googleapiclient/http.py `_should_retry_response`
// (googleapis/google-api-python-client@0365b6ee6bb4d934c14742e1d0a7834ab6521bea): every 5xx and 429; a 403 only when
// `error.errors[0].reason` is "userRateLimitExceeded" or "rateLimitExceeded" ("Only retry on rate limit related
// failures"); any method. gaxios (above) resends no 403 at all.
const pythonClientRetries = (status: number, body: unknown): boolean => {
  if (status >= 500 || status === 429) return true;
  const reason = (body as { error?: { errors?: { reason?: string }[] } }).error?.errors?.[0]?.reason;
  return status === 403 && (reason === 'userRateLimitExceeded' || reason === 'rateLimitExceeded');
};

describe(`every 403 of Drive's page: resent as Google's Python client resends it; only a daily limit holds back the next call`, () => {
  const forbidden = driveCases.filter((c) => c.status === 403);

  it('covers the rate limits, the caps and the nesting limits', () => {
    expect(forbidden.filter((c) => pythonClientRetries(403, c.body))).toHaveLength(2);
    expect(forbidden.length).toBeGreaterThanOrEqual(15);
  });

  it.each(forbidden.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const resent = pythonClientRetries(c.status, c.body);
    const t = createScriptedFetch([
      { status: c.status, headers: JSON_TYPE, body: c.body },
      { status: 200, body: { id: 'FAKE' } },
    ]);
    const client = createClient(google, {
      auth: { token: 'FAKE-token' },
      fetch: t.fetch,
      retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, random: () => 0 },
      // A rate limit pauses the credential's `user` bucket (a real second's wait here); the others keep Drive's
      // buckets on, where a paused bucket would hold back or refuse the second call.
      ...(resent ? { rateLimit: false as const } : {}),
    });
    const first = await client.get('/drive/v3/files/FAKE').then(
      () => 'resent and succeeded',
      (e: { attempts: number }) => `failed after ${e.attempts}`,
    );
    expect(first).toBe(resent ? 'resent and succeeded' : 'failed after 1');
    if (resent) return;
    // A spent daily limit is every call's: the next one fails here, unsent, until the window rolls. Every other 403
    // (a full folder or Drive, a sharing or nesting limit, a permission) holds back nothing.
    if ((c.expected as { code?: string }).code === 'dailyLimitExceeded') {
      await expect(client.get('/drive/v3/about')).rejects.toMatchObject({ kind: 'quota_exceeded', attempts: 0 });
      expect(t.log).toEqual(['START GET /drive/v3/files/FAKE']);
      return;
    }
    await expect(client.get('/drive/v3/about')).resolves.toEqual({ id: 'FAKE' });
    expect(t.log).toEqual(['START GET /drive/v3/files/FAKE', 'START GET /drive/v3/about']);
  });
});
