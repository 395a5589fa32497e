import { inspect } from 'node:util';
import { normalizeError, normalizeResponse } from '@rosetta/core';
import { describe, expect, it } from 'vitest';
import { readXeroSdkError, xero } from '../src/index';

// A fake token, long enough to look like a credential; never a real one.
const TOKEN = 'FAKE.xero-access-token.0123456789abcdef';
const PATH = '/api.xro/2.0/Invoices?where=Status%3D%3D%22PAID%22';

/**
 * What xero-node rejects with, built as it builds it: `reject(JSON.stringify(new ApiError(error).generateError()))`
 * (XeroAPI/xero-node@cfc658ff72e9d8c1b223a0f7ef5d00dcdb4bbf40 src/gen/api/accountingApi.ts; src/model/ApiError.ts:
 * `response` with `statusCode`, `body`, `headers`, and `request` with `url` { protocol, port, host, path }, the
 * request's `headers` from Node's `request.getHeaders()`, and `method`; `body` again at the top).
 */
function xeroRejection(statusCode: number, body: unknown, headers: Record<string, string | string[]> = {}) {
  const request = {
    url: { protocol: 'https:', port: 443, host: 'api.xero.com', path: PATH },
    headers: { authorization: `Bearer ${TOKEN}`, 'xero-tenant-id': 'tenant-1', accept: 'application/json' },
    method: 'GET',
  };
  return JSON.stringify({ response: { statusCode, body, headers, request }, body });
}

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const problem = { Type: null, Title: 'Unauthorized', Status: 401, Detail: 'TokenExpired: token expired at 11/26/2026' };

describe('errors of xero-node (a JSON string holding the request, with its bearer token)', () => {
  it('reads status, headers, body, method and url: the same reading as the response over HTTP', () => {
    const headers = { ...JSON_TYPE, 'x-rate-limit-problem': 'day', 'retry-after': '66975', 'set-cookie': ['a', 'b'] };
    const body = { Type: null, Title: 'Too Many Requests', Status: 429, Detail: 'Rate limit exceeded' };
    const err = normalizeError(xero, xeroRejection(429, body, headers));
    const url = `https://api.xero.com${PATH}`;
    expect(err).toEqual(normalizeResponse(xero, { status: 429, headers, body, method: 'GET', url }));
    expect(err).toMatchObject({ kind: 'quota_exceeded', status: 429, retryAfterMs: 66_975_000 });
    expect(err?.request).toMatchObject({ method: 'GET', url: expect.stringContaining('/Invoices') });
    expect(normalizeError(xero, xeroRejection(401, problem, JSON_TYPE))).toMatchObject({
      kind: 'authentication',
      code: 'TokenExpired',
    });
    // A caller that parsed the string first gets the same reading.
    expect(readXeroSdkError(JSON.parse(xeroRejection(401, problem, JSON_TYPE)))).toEqual(
      readXeroSdkError(xeroRejection(401, problem, JSON_TYPE)),
    );
  });

  it('never lets the bearer token out: not in the message, body, cause, request or anything else it holds', () => {
    const echo = { Title: 'Bad Request', Status: 400, Detail: `Invalid header: Bearer ${TOKEN}`, [TOKEN]: [TOKEN] };
    // An answer echoing it in a header, or URL-encoded, is scrubbed too.
    const headers = { ...JSON_TYPE, 'www-authenticate': `Bearer error="invalid_token", token="${TOKEN}"` };
    for (const body of [problem, echo, `Authorization: Bearer ${TOKEN}`, `token=${encodeURIComponent(TOKEN)}`]) {
      const err = normalizeError(xero, xeroRejection(400, body, headers));
      expect(err).not.toBeNull();
      const everything = `${inspect(err, { depth: null, showHidden: true })} ${JSON.stringify(err)} ${err?.stack}`;
      expect(everything).not.toContain(TOKEN);
      expect(everything).not.toContain(encodeURIComponent(TOKEN));
    }
    const scrubbed = normalizeError(xero, xeroRejection(400, echo, JSON_TYPE))?.response?.body;
    expect(scrubbed).toMatchObject({ Detail: 'Invalid header: [REDACTED]', '[REDACTED]': ['[REDACTED]'] });
    // Only the request's `Authorization` is read, and handed over as a secret to scrub.
    expect(readXeroSdkError(xeroRejection(400, echo, JSON_TYPE))?.secrets).toEqual([`Bearer ${TOKEN}`]);
  });

  it('reads nothing from a rejection without an answer (statusCode 0) or from anything else', () => {
    // xero-node's own spec (src/test/apiError.spec.ts): a network error has statusCode 0 and the message as body.
    expect(readXeroSdkError(xeroRejection(0, 'Network Error'))).toBeUndefined();
    for (const other of ['not json', '{}', '{"response":null}', new Error('x'), null, { response: { status: 500 } }]) {
      expect(readXeroSdkError(other)).toBeUndefined();
    }
  });
});
