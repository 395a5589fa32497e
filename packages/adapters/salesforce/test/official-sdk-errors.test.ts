import { normalizeError, normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readSalesforceSdkError, salesforce } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

beforeAll(() => {
  vi.useFakeTimers({ now: Date.parse('2026-03-26T16:25:28Z'), toFake: ['Date'] });
});
afterAll(() => {
  vi.useRealTimers();
});

// jsforce's HttpApiError, built as jsforce/jsforce@e744dad915492226c7838a9513697ed75b7ff998 builds it
// (src/http-api.ts: the class, `getError` with `parseResponseBody` and `parseError` for a REST answer of status >= 400,
// `getResponseBody` for a 300). Reduced to the JSON and text paths (the REST API answers JSON; XML is SOAP's).
class HttpApiError extends Error {
  data: unknown;
  errorCode: string;
  constructor(message: string, errorCode?: string, data?: unknown) {
    super(message);
    this.name = errorCode || this.name;
    this.errorCode = this.name;
    this.data = data;
  }
}

function jsforceError(status: number, headers: Readonly<Record<string, string>>, text: string): HttpApiError {
  const contentType = headers['content-type'] ?? '';
  let body: unknown = text;
  if (/^application\/json(;|$)/.test(contentType)) {
    try {
      body = JSON.parse(text);
    } catch {}
  }
  if (status === 300) return new HttpApiError('Multiple records found', 'MULTIPLE_CHOICES', body);
  let error = body as { message?: unknown; errorCode?: string } | unknown[];
  if (Array.isArray(error)) {
    if (error.length !== 1) {
      return new HttpApiError(
        'Multiple errors returned.\n  Check `error.data` for the error details',
        'MULTIPLE_API_ERRORS',
        error,
      );
    }
    error = error[0] as { message?: unknown };
  }
  const e =
    typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
      ? (error as { message: string; errorCode?: string })
      : { errorCode: `ERROR_HTTP_${status}`, message: text };
  if (headers['content-type'] === 'text/html') {
    return new HttpApiError(
      'HTTP response contains html content.\nCheck that the org exists ...',
      e.errorCode,
      e.message,
    );
  }
  return new HttpApiError(e.message, e.errorCode, e);
}

/** src/oauth2.ts `_postParams`: the body parsed, else `ERROR_HTTP_<status>` and the text; thrown as this anonymous class. */
function jsforceOAuthError(status: number, text: string): Error {
  let res: { error: string; error_description: string } | undefined;
  try {
    res = JSON.parse(text);
  } catch {}
  res = res || { error: `ERROR_HTTP_${status}`, error_description: text };
  return new (class extends Error {
    constructor({ error, error_description }: { error: string; error_description: string }) {
      super(error_description);
      this.name = error;
    }
  })(res);
}

const text = (body: unknown) => (body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body));
const pick = (e: ReturnType<typeof normalizeResponse>) =>
  e && { kind: e.kind, code: e.code, retryable: e.retryable, retryAfterMs: e.retryAfterMs, fields: e.fieldErrors };

// Answers jsforce turns into errors: REST errors and 300 (HttpApi), the OAuth token endpoint's (src/oauth2.ts); 2xx
// answers are data.
const answers = fixtures.filter((f) => f.response.status >= 400 || f.response.status === 300);
const sdkErrorOf = (f: (typeof fixtures)[number]) => {
  const { status, headers = {}, body } = f.response;
  return f.request.path.includes('/oauth2/')
    ? jsforceOAuthError(status, text(body))
    : jsforceError(status, headers, text(body));
};

describe('jsforce’s HttpApiError (no status, no headers: the body’s errorCode and data)', () => {
  it('reads every REST error fixture as the same kind, code, retryability and field errors as over HTTP', () => {
    expect(answers.length).toBeGreaterThanOrEqual(20);
    for (const f of answers) {
      const { status, headers = {}, body } = f.response;
      const sdk = normalizeError(salesforce, sdkErrorOf(f));
      const http = normalizeResponse(salesforce, { status, headers, body, method: f.request.method });
      expect(pick(sdk), f.name).toEqual(pick(http));
    }
  });

  it('keeps the status where jsforce leaves it to be known: its ERROR_HTTP_<status>, or the code’s documented one', () => {
    const statusOf = (name: string) => {
      const f = answers.find((a) => a.name === name);
      if (f === undefined) throw new Error(name);
      return [normalizeError(salesforce, sdkErrorOf(f))?.status, f.response.status];
    };
    for (const name of [
      'invalid-session-401',
      'request-limit-total-403',
      'api-disabled-403',
      'not-found-404',
      'entity-is-deleted-404',
      'server-unavailable-503',
      'html-unknown-org-404',
      'edge-no-route-420',
      'edge-bad-gateway-502',
      'multiple-choices-300',
      'required-field-missing-400',
      'oauth-expired-refresh-token-400',
      'oauth-invalid-client-id-400',
    ]) {
      const [read, sent] = statusOf(name);
      expect(read, name).toBe(sent);
    }
    // A code Salesforce ties to no status reads as 400: UNABLE_TO_LOCK_ROW came as a 500 here, its kind is the code's.
    expect(statusOf('unable-to-lock-row-500')[0]).toBe(400);
  });

  it('reads the HTML page jsforce keeps as text (text/html): the org cannot be reached', () => {
    const page = '<html><head><title>URL No Longer Exists</title></head></html>';
    const err = jsforceError(404, { 'content-type': 'text/html' }, page);
    expect(readSalesforceSdkError(err)).toEqual({ status: 404, headers: { 'content-type': 'text/html' }, body: page });
    expect(normalizeError(salesforce, err)?.message).toContain('check that the org exists');
  });

  it('reads the OAuth errors of src/oauth2.ts as their body, and one of a body that was not OAuth’s as its text', () => {
    expect(readSalesforceSdkError(jsforceOAuthError(400, '{"error":"invalid_grant","error_description":"x"}'))).toEqual(
      {
        status: 400,
        body: { error: 'invalid_grant', error_description: 'x' },
      },
    );
    expect(readSalesforceSdkError(jsforceOAuthError(503, 'Service Unavailable'))).toEqual({
      status: 503,
      body: 'Service Unavailable',
    });
  });

  it('reads nothing from other errors', () => {
    // An Error of a named class named like an OAuth error is not jsforce's.
    const oauth = Object.assign(new Error('expired access/refresh token'), { name: 'invalid_grant' });
    const notJsforce = Object.assign(new Error('x'), { errorCode: 'NOT_FOUND', data: {} });
    const anonymous = new (class extends Error {})('x');
    const noData = Object.assign(new Error('x'), { name: 'E_FAIL', errorCode: 'E_FAIL' });
    for (const other of [
      oauth,
      notJsforce,
      noData,
      anonymous,
      new Error('x'),
      { name: 'X', errorCode: 'X', data: {} },
      null,
      'x',
    ]) {
      expect(readSalesforceSdkError(other)).toBeUndefined();
    }
  });
});

describe('retry decisions against jsforce', () => {
  it('does not resend a 420, which jsforce resends twice (src/request.ts `shouldRetryRequest`)', () => {
    // jsforce retries 420 at most twice because "Metadata API requests sometimes return it"; errorcodes.htm says a 420
    // is Salesforce Edge without a route for the host, which no resend finds: Rosetta follows the docs.
    expect(normalizeError(salesforce, jsforceError(420, { 'content-type': 'text/plain' }, ''))).toMatchObject({
      kind: 'unavailable',
      retryable: false,
    });
  });
});
