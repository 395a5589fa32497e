import { normalizeError, normalizeResponse } from '@rosetta/core';
import { describe, expect, it } from 'vitest';
import { readTwilioSdkError, twilio } from '../src/index';

// twilio-node's two exceptions, built as twilio/twilio-node@45d3d65a4ea87652f4c7973af0e0998f3af31322 builds them
// (src/base/RestException.ts, src/base/TwilioServiceException.ts; thrown by src/base/Version.ts `throwException`
// with the client's `{ statusCode, body }`, body a string). Their constructors, reduced to what they set.
const parse = (text: string) => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

class RestException extends Error {
  status: number;
  code?: number;
  moreInfo?: string;
  details?: object;
  constructor(response: { statusCode: number; body: string }) {
    super(`[HTTP ${response.statusCode}] Failed to execute request`);
    const body = parse(response.body);
    this.status = response.statusCode;
    if (body !== null) {
      this.message = body.message;
      this.code = body.code;
      this.moreInfo = body.more_info;
      this.details = body.details;
    } else {
      this.message = `[HTTP ${response.statusCode}] Failed to execute request`;
    }
  }
}

class TwilioServiceException extends Error {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: number;
  errors?: { detail: string; pointer: string }[];
  constructor(response: { statusCode: number; body: string }) {
    const body = parse(response.body);
    const status = body?.status || response.statusCode;
    super(`[HTTP ${status}] ${body?.title || 'Failed to execute request'}`);
    this.type = body?.type || '';
    this.title = body?.title || 'Failed to execute request';
    this.status = status;
    this.code = body?.code || 0;
    if (body?.detail) this.detail = body.detail;
    if (body?.instance) this.instance = body.instance;
    if (body?.errors) this.errors = body.errors;
  }
}

const JSON_TYPE = { 'content-type': 'application/json' };
const overHttp = (status: number, body: unknown) => normalizeResponse(twilio, { status, headers: JSON_TYPE, body });

describe('errors of twilio-node', () => {
  it('reads a RestException as its legacy body: the same kind as the response over HTTP', () => {
    const legacy = {
      code: 20429,
      message: 'Too Many Requests',
      more_info: 'https://www.twilio.com/docs/errors/20429',
      status: 429,
    };
    const err = normalizeError(twilio, new RestException({ statusCode: 429, body: JSON.stringify(legacy) }));
    expect(err).toMatchObject({ kind: 'rate_limited', code: '20429', status: 429 });
    expect(err?.kind).toBe(overHttp(429, legacy)?.kind);
    expect(readTwilioSdkError(new RestException({ statusCode: 429, body: JSON.stringify(legacy) }))?.body).toEqual(
      legacy,
    );
    const verify = { code: 60202, message: 'Max check attempts reached', more_info: 'x', status: 429 };
    expect(normalizeError(twilio, new RestException({ statusCode: 429, body: JSON.stringify(verify) }))?.kind).toBe(
      'quota_exceeded',
    );
  });

  it('reads a RestException of a non-JSON answer as its status alone', () => {
    const read = readTwilioSdkError(new RestException({ statusCode: 503, body: '<html>Service Unavailable</html>' }));
    expect(read).toEqual({ status: 503 });
    expect(normalizeError(twilio, new RestException({ statusCode: 503, body: '' }))?.kind).toBe('unavailable');
  });

  it('reads a TwilioServiceException as its RFC 9457 body', () => {
    const problem = {
      type: 'https://www.twilio.com/docs/api/errors/20404',
      title: 'Not Found',
      status: 404,
      code: 20404,
      detail: 'The requested resource was not found',
      instance: '/v1/Resources/XX123',
    };
    const sdk = new TwilioServiceException({ statusCode: 404, body: JSON.stringify(problem) });
    expect(readTwilioSdkError(sdk)?.body).toEqual(problem);
    const err = normalizeError(twilio, sdk);
    expect(err).toEqual(overHttp(404, problem));
    expect(err).toMatchObject({ kind: 'not_found', code: '20404' });
  });

  it('reads nothing from other errors', () => {
    class Other extends Error {
      status = 500;
    }
    for (const other of [new Other('x'), new Error('x'), { status: 500, code: 20500 }, null, 'x']) {
      expect(readTwilioSdkError(other)).toBeUndefined();
    }
  });
});
