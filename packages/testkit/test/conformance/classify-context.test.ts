import { describe, expect, it } from 'vitest';
import { classifyContext } from '../../src/conformance/classify-context';

describe('classifyContext', () => {
  it('defaults a GET 200 with core’s null reading, the path read from the URL', () => {
    expect(classifyContext({ url: 'https://api.example.test/v1/pages/FAKE?x=1' })).toEqual({
      status: 200,
      headers: {},
      body: undefined,
      method: 'GET',
      url: 'https://api.example.test/v1/pages/FAKE?x=1',
      path: '/v1/pages/FAKE',
      readings: { retryAfterMs: undefined, rateLimit: undefined, requestId: undefined, retryHint: undefined },
      defaults: null,
      now: 0,
    });
  });

  it('reads a status of 300 and up as an unretried validation error, unless defaults are given', () => {
    const url = 'https://api.example.test/x';
    expect(classifyContext({ url, status: 300 }).defaults).toEqual({
      kind: 'validation',
      retryable: false,
      fieldErrors: [],
    });
    expect(classifyContext({ url, status: 299 }).defaults).toBeNull();
    expect(classifyContext({ url, status: 500, defaults: null }).defaults).toBeNull();
  });

  it('keeps every member given, the path over the URL’s', () => {
    const given = classifyContext({ url: 'not a url', path: '/tickets/1', method: 'PUT', headers: { a: 'b' }, now: 5 });
    expect(given).toMatchObject({ url: 'not a url', path: '/tickets/1', method: 'PUT', headers: { a: 'b' }, now: 5 });
  });
});
