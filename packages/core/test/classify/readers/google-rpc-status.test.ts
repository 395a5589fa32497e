import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  googleRpcStatusVerdict,
  parseGoogleDuration,
  readGoogleRpcStatus,
} from '../../../src/classify/readers/google-rpc-status';

const SEED = 20261127;
const T = 'type.googleapis.com/google.rpc.';

const envelope = (status: string, code: number, details: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  error: { code, message: `message of ${status}`, status, details, ...extra },
});
const verdict = (body: unknown, legacyReasons?: Record<string, never> | Record<string, 'rate_limited'>) => {
  const s = readGoogleRpcStatus(body);
  if (s === undefined) throw new Error('not a google.rpc.Status envelope');
  return googleRpcStatusVerdict(s, legacyReasons === undefined ? {} : { legacyReasons });
};

describe('parseGoogleDuration', () => {
  it('reads protobuf JSON durations in whole ms, rounded up', () => {
    expect(parseGoogleDuration('37s')).toBe(37_000);
    expect(parseGoogleDuration('1.5s')).toBe(1_500);
    expect(parseGoogleDuration('0.000340012s')).toBe(1);
    expect(parseGoogleDuration('0s')).toBe(0);
    expect(parseGoogleDuration({ seconds: '2', nanos: 500_000_000 })).toBe(2_500);
  });

  it('reads anything else as absent', () => {
    for (const v of ['37', '-1s', '1.5 s', 's', '', '1e3s', null, 3, [], { seconds: -1 }, { seconds: 'x' }]) {
      expect(parseGoogleDuration(v), JSON.stringify(v)).toBeUndefined();
    }
  });
});

describe('readGoogleRpcStatus', () => {
  it('reads AIP-193’s full example: ErrorInfo with metadata, LocalizedMessage, Help', () => {
    const s = readGoogleRpcStatus(
      envelope('RESOURCE_EXHAUSTED', 429, [
        {
          '@type': `${T}ErrorInfo`,
          reason: 'RESOURCE_AVAILABILITY',
          domain: 'compute.googleapis.com',
          metadata: { zone: 'us-east1-a' },
        },
        { '@type': `${T}LocalizedMessage`, locale: 'en-US', message: 'localized' },
        {
          '@type': `${T}Help`,
          links: [{ description: 'd', url: 'https://cloud.google.com/compute/docs/resource-error' }],
        },
      ]),
    );
    expect(s).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      message: 'message of RESOURCE_EXHAUSTED',
      errorInfo: {
        reason: 'RESOURCE_AVAILABILITY',
        domain: 'compute.googleapis.com',
        metadata: { zone: 'us-east1-a' },
      },
      localizedMessage: 'localized',
      errors: [],
    });
  });

  it('reads RetryInfo, BadRequest, QuotaFailure, RequestInfo and the legacy errors[]', () => {
    const s = readGoogleRpcStatus(
      envelope(
        'INVALID_ARGUMENT',
        400,
        [
          { '@type': `${T}RetryInfo`, retryDelay: '1.5s' },
          {
            '@type': `${T}BadRequest`,
            fieldViolations: [{ field: 'a.b', description: 'bad', reason: 'R' }, { field: 'c' }, {}],
          },
          { '@type': `${T}QuotaFailure`, violations: [{ quotaId: 'Q', quotaMetric: 'M' }, 'x'] },
          { '@type': `${T}RequestInfo`, requestId: 'FAKE-req' },
          { '@type': 'type.googleapis.com/other.Thing', reason: 'IGNORED' },
          'junk',
        ],
        {
          errors: [
            { domain: 'global', reason: 'required', message: 'Required', locationType: 'parameter', location: 'q' },
            7,
          ],
        },
      ),
    );
    expect(s).toMatchObject({
      retryDelayMs: 1_500,
      fieldViolations: [
        { path: 'a.b', message: 'bad', code: 'R' },
        { path: 'c', message: 'Invalid value' },
      ],
      quotaViolations: [{ quotaId: 'Q', quotaMetric: 'M', subject: undefined, description: undefined }],
      requestId: 'FAKE-req',
      errorInfo: undefined,
      errors: [{ domain: 'global', reason: 'required', message: 'Required', locationType: 'parameter', location: 'q' }],
    });
  });

  it('names an operation’s numeric canonical code (code.proto), and is undefined without an error object', () => {
    expect(readGoogleRpcStatus({ error: { code: 5, message: 'gone' } })?.status).toBe('NOT_FOUND');
    expect(readGoogleRpcStatus({ error: { code: 404 } })?.status).toBeUndefined();
    // Every number of google/rpc/code.proto, in order.
    const names = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17].map(
      (code) => readGoogleRpcStatus({ error: { code } })?.status,
    );
    expect(names).toEqual([
      'OK',
      'CANCELLED',
      'UNKNOWN',
      'INVALID_ARGUMENT',
      'DEADLINE_EXCEEDED',
      'NOT_FOUND',
      'ALREADY_EXISTS',
      'PERMISSION_DENIED',
      'RESOURCE_EXHAUSTED',
      'FAILED_PRECONDITION',
      'ABORTED',
      'OUT_OF_RANGE',
      'UNIMPLEMENTED',
      'INTERNAL',
      'UNAVAILABLE',
      'DATA_LOSS',
      'UNAUTHENTICATED',
      undefined,
    ]);
    for (const body of [undefined, null, 'x', [], {}, { error: 'invalid_grant' }, { error: [] }]) {
      expect(readGoogleRpcStatus(body)).toBeUndefined();
    }
  });

  it(`never throws and bounds every list on arbitrary JSON (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const s = readGoogleRpcStatus({ error: value });
        if (s === undefined) return;
        expect(s.errors.length).toBeLessThanOrEqual(50);
        expect(() => googleRpcStatusVerdict(s)).not.toThrow();
      }),
      { seed: SEED },
    );
    const many = Array.from({ length: 500 }, () => ({ reason: 'r' }));
    expect(readGoogleRpcStatus({ error: { errors: many } })?.errors).toHaveLength(50);
  });
});

describe('googleRpcStatusVerdict', () => {
  it('maps every canonical code, with the retryability AIP-194 and code.proto give', () => {
    const table: [string, string, boolean][] = [
      ['CANCELLED', 'aborted', false],
      ['UNKNOWN', 'server', true],
      ['INVALID_ARGUMENT', 'validation', false],
      ['DEADLINE_EXCEEDED', 'timeout', true],
      ['NOT_FOUND', 'not_found', false],
      ['ALREADY_EXISTS', 'conflict', false],
      ['PERMISSION_DENIED', 'permission', false],
      ['UNAUTHENTICATED', 'authentication', false],
      ['RESOURCE_EXHAUSTED', 'rate_limited', true],
      ['FAILED_PRECONDITION', 'conflict', false],
      ['ABORTED', 'conflict', true],
      ['OUT_OF_RANGE', 'validation', false],
      ['UNIMPLEMENTED', 'unsupported', false],
      ['INTERNAL', 'server', true],
      ['UNAVAILABLE', 'unavailable', true],
      ['DATA_LOSS', 'server', false],
    ];
    for (const [status, kind, retryable] of table) {
      expect(verdict(envelope(status, 400)), status).toMatchObject({ kind, retryable, code: status });
    }
    expect(verdict(envelope('SOMETHING_NEW', 418))).toEqual({
      code: 'SOMETHING_NEW',
      message: 'message of SOMETHING_NEW',
    });
    expect(verdict(envelope('constructor', 418)).kind).toBeUndefined();
  });

  it('marks DEADLINE_EXCEEDED as possibly processed ("even if the operation has completed successfully")', () => {
    expect(verdict(envelope('DEADLINE_EXCEEDED', 504)).possiblyProcessed).toBe(true);
    expect(verdict(envelope('UNAVAILABLE', 503)).possiblyProcessed).toBeUndefined();
  });

  it('lets ErrorInfo.reason decide over the canonical code, and uses it as the code', () => {
    const info = (reason: string) => ({ '@type': `${T}ErrorInfo`, reason, domain: 'googleapis.com', metadata: {} });
    expect(verdict(envelope('INVALID_ARGUMENT', 400, [info('API_KEY_INVALID')]))).toMatchObject({
      kind: 'authentication',
      code: 'API_KEY_INVALID',
    });
    expect(verdict(envelope('PERMISSION_DENIED', 403, [info('BILLING_DISABLED')])).kind).toBe('payment_required');
    expect(verdict(envelope('PERMISSION_DENIED', 403, [info('SERVICE_DISABLED')]))).toMatchObject({
      kind: 'permission',
      retryable: false,
    });
    expect(verdict(envelope('RESOURCE_EXHAUSTED', 429, [info('RESOURCE_AVAILABILITY')])).kind).toBe('unavailable');
    expect(verdict(envelope('RESOURCE_EXHAUSTED', 429, [info('RESOURCE_QUOTA_EXCEEDED')])).kind).toBe('quota_exceeded');
    expect(verdict(envelope('PERMISSION_DENIED', 403, [info('hasOwnProperty')])).kind).toBe('permission');
  });

  // error_reason.proto: each key restriction denies with 403 PERMISSION_DENIED, so the canonical code reads them (no
  // table entry of their own): permission, never resent, the reason as the code.
  it.each([
    'API_KEY_SERVICE_BLOCKED',
    'API_KEY_HTTP_REFERRER_BLOCKED',
    'API_KEY_IP_ADDRESS_BLOCKED',
    'API_KEY_ANDROID_APP_BLOCKED',
    'API_KEY_IOS_APP_BLOCKED',
  ])('reads %s (403 PERMISSION_DENIED) as permission', (reason) => {
    const detail = { '@type': `${T}ErrorInfo`, reason, domain: 'googleapis.com', metadata: {} };
    expect(verdict(envelope('PERMISSION_DENIED', 403, [detail]))).toMatchObject({
      kind: 'permission',
      retryable: false,
      code: reason,
    });
  });

  it('tells a per-minute rate limit from a per-day quota that share RATE_LIMIT_EXCEEDED', () => {
    const rate = (metadata: Record<string, string>) =>
      verdict(
        envelope('RESOURCE_EXHAUSTED', 429, [{ '@type': `${T}ErrorInfo`, reason: 'RATE_LIMIT_EXCEEDED', metadata }]),
      );
    expect(rate({ quota_limit: 'ReadsPerMinutePerProject' })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      rateLimit: { scope: 'ReadsPerMinutePerProject' },
    });
    expect(rate({ quota_limit: 'defaultPerDayPerProject' })).toMatchObject({ kind: 'quota_exceeded' });
    expect(rate({ quota_limit: 'x', quota_unit: '1/d/{project}' }).kind).toBe('quota_exceeded');
    expect(rate({}).rateLimit).toBeUndefined();
  });

  it('reads a QuotaFailure quotaId without ErrorInfo (Gemini’s 429s), and RetryInfo as retryAfterMs', () => {
    const q = (quotaId: string) =>
      envelope('RESOURCE_EXHAUSTED', 429, [
        { '@type': `${T}QuotaFailure`, violations: [{ quotaId }] },
        { '@type': `${T}RetryInfo`, retryDelay: '37s' },
      ]);
    expect(verdict(q('GenerateRequestsPerMinutePerProjectPerModel-FreeTier'))).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 37_000,
      rateLimit: { scope: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier' },
    });
    expect(verdict(q('GenerateRequestsPerDayPerProjectPerModel-FreeTier')).kind).toBe('quota_exceeded');
  });

  it('consults legacy reasons after ErrorInfo and before the canonical code', () => {
    const body = envelope('PERMISSION_DENIED', 403, [], { errors: [{ reason: 'userRateLimitExceeded' }] });
    expect(verdict(body, { userRateLimitExceeded: 'rate_limited' })).toMatchObject({
      kind: 'rate_limited',
      code: 'userRateLimitExceeded',
    });
    // Without the adapter's table the canonical code decides, retryability included.
    expect(verdict(body)).toMatchObject({ kind: 'permission', retryable: false, code: 'userRateLimitExceeded' });
  });

  it('falls back to the localized message, and passes field errors and the request id through', () => {
    const v = verdict({
      error: {
        code: 400,
        status: 'INVALID_ARGUMENT',
        details: [
          { '@type': `${T}LocalizedMessage`, locale: 'en-US', message: 'localized' },
          { '@type': `${T}BadRequest`, fieldViolations: [{ field: 'name', description: 'required' }] },
          { '@type': `${T}RequestInfo`, requestId: 'FAKE-1' },
        ],
      },
    });
    expect(v).toMatchObject({
      message: 'localized',
      fieldErrors: [{ path: 'name', message: 'required' }],
      requestId: 'FAKE-1',
    });
  });
});
