import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { odataErrorVerdict, readODataError } from '../../../src/classify/readers/odata-error';

const SEED = 20261128;

describe('readODataError', () => {
  it('reads code, message, the innerError ids and date (Microsoft Graph throttling sample)', () => {
    // microsoftgraph/microsoft-graph-docs-contrib concepts/throttling.md "Sample response".
    const innerError = {
      code: '429',
      date: '2020-08-18T12:51:51',
      message: 'Please retry after',
      'request-id': '94fb3b52-452a-4535-a601-69e0a90e3aa2',
      status: '429',
    };
    const read = readODataError({
      error: { code: 'TooManyRequests', innerError, message: 'Please retry again later.' },
    });
    expect(read).toEqual({
      code: 'TooManyRequests',
      message: 'Please retry again later.',
      target: undefined,
      details: [],
      codes: ['TooManyRequests', '429'],
      requestId: '94fb3b52-452a-4535-a601-69e0a90e3aa2',
      clientRequestId: undefined,
      date: '2020-08-18T12:51:51',
      innerError,
    });
  });

  it('follows nested innererror (either spelling) down, outermost code first, to a bound', () => {
    const read = readODataError({
      error: {
        code: 'invalidRequest',
        message: 'm',
        innererror: { code: 'resyncRequired', innerError: { code: 'resyncApplyDifferences', 'request-id': 'deep' } },
      },
    });
    expect(read?.codes).toEqual(['invalidRequest', 'resyncRequired', 'resyncApplyDifferences']);
    expect(read?.requestId).toBe('deep');
    // A chain deeper than any service sends is cut, not followed forever.
    let inner: Record<string, unknown> = { code: 'bottom' };
    for (let i = 0; i < 1_000; i++) inner = { code: `c${i}`, innererror: inner };
    expect(readODataError({ error: { code: 'top', innererror: inner } })?.codes).toHaveLength(9);
  });

  it('reads details (code, message, target), skipping items that are not objects, at most 50', () => {
    const read = readODataError({
      error: {
        code: 'BadArgument',
        message: 'Multiple errors',
        target: 'query',
        details: [{ code: 'NullValue', message: 'Must not be null', target: 'displayName' }, 'junk', null],
      },
    });
    expect(read?.target).toBe('query');
    expect(read?.details).toEqual([{ code: 'NullValue', message: 'Must not be null', target: 'displayName' }]);
    const many = Array.from({ length: 500 }, () => ({ code: 'x' }));
    expect(readODataError({ error: { code: 'c', details: many } })?.details).toHaveLength(50);
  });

  it('reads the v2/v3 verbose form: odata.error and a {lang, value} message', () => {
    // OData v3 JSON verbose "Error responses" (as SharePoint REST and Azure Table storage send it).
    const read = readODataError({
      'odata.error': {
        code: '-2147024891, System.UnauthorizedAccessException',
        message: { lang: 'en-US', value: 'Access denied.' },
      },
    });
    expect(read).toMatchObject({ code: '-2147024891, System.UnauthorizedAccessException', message: 'Access denied.' });
  });

  it('reads an empty code as absent but keeps the body when it has a message (Graph batch sample)', () => {
    // concepts/json-batching.md: a Planner 403 inside a batch carries `"code": ""`.
    const read = readODataError({ error: { code: '', message: 'You do not have the required permissions.' } });
    expect(read?.code).toBeUndefined();
    expect(read?.codes).toEqual([]);
    expect(read?.message).toBe('You do not have the required permissions.');
  });

  it('is undefined for other bodies: OAuth errors, GraphQL errors, an error with neither code nor message', () => {
    for (const body of [
      undefined,
      null,
      'text',
      [],
      { error: 'invalid_grant' },
      { errors: [{ message: 'x' }] },
      { error: {} },
      { error: { code: '', message: '' } },
      { error: [] },
    ]) {
      expect(readODataError(body), JSON.stringify(body)).toBeUndefined();
    }
  });

  it(`never throws on arbitrary JSON, and reads codes as strings only (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.jsonValue());
    fc.assert(
      fc.property(
        fc.record({ code: member, message: member, innerError: member, innererror: member, details: member }),
        (error) => {
          const read = readODataError({ error });
          for (const code of read?.codes ?? []) expect(typeof code).toBe('string');
          expect(() => odataErrorVerdict({ error })).not.toThrow();
        },
      ),
      { seed: SEED },
    );
  });
});

describe('odataErrorVerdict', () => {
  it('gives code, message, the body request id, and targeted details as field errors', () => {
    const verdict = odataErrorVerdict({
      error: {
        code: 'Request_BadRequest',
        message: 'Invalid value specified for property.',
        details: [
          { code: 'InvalidValue', message: 'Bad mail nickname', target: 'mailNickname' },
          { code: 'NoTarget', message: 'not a field' },
        ],
        innerError: { 'request-id': 'FAKE-req', date: '2025-02-13T10:17:06' },
      },
    });
    expect(verdict).toEqual({
      code: 'Request_BadRequest',
      message: 'Invalid value specified for property.',
      requestId: 'FAKE-req',
      fieldErrors: [{ path: 'mailNickname', message: 'Bad mail nickname', code: 'InvalidValue' }],
    });
  });

  it('leaves out what the body lacks, and is undefined for a body of another shape', () => {
    expect(odataErrorVerdict({ error: { message: 'only a message' } })).toEqual({ message: 'only a message' });
    expect(odataErrorVerdict({ error: 'invalid_client' })).toBeUndefined();
  });
});
