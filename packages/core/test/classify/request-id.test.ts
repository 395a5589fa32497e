import { describe, expect, it } from 'vitest';
import { toHeaderMap } from '../../src/classify/header-map';
import { DEFAULT_REQUEST_ID_HEADERS, parseRequestId } from '../../src/classify/request-id';

describe('parseRequestId', () => {
  it("reads the adapter's headers first, in order", () => {
    const headers = toHeaderMap({ 'X-Request-Id': 'generic', 'X-GitHub-Request-Id': 'gh', 'X-Other': 'other' });
    expect(parseRequestId(headers, ['x-github-request-id', 'x-other'])).toBe('gh');
    expect(parseRequestId(headers, ['x-missing', 'x-other'])).toBe('other');
  });

  it('accepts adapter header names in any case', () => {
    expect(parseRequestId(toHeaderMap({ 'twilio-request-id': 'RQ1' }), ['Twilio-Request-Id'])).toBe('RQ1');
  });

  it('falls back to the common headers in their order, cf-ray last', () => {
    expect(DEFAULT_REQUEST_ID_HEADERS).toEqual([
      'x-request-id',
      'request-id',
      'x-correlation-id',
      'x-amzn-requestid',
      'cf-ray',
    ]);
    const all = {
      'cf-ray': 'ray',
      'x-amzn-requestid': 'amzn',
      'x-correlation-id': 'corr',
      'request-id': 'req',
      'x-request-id': 'xreq',
    };
    expect(parseRequestId(toHeaderMap(all))).toBe('xreq');
    const { 'x-request-id': _a, ...noX } = all;
    expect(parseRequestId(toHeaderMap(noX))).toBe('req');
    const { 'request-id': _b, ...noReq } = noX;
    expect(parseRequestId(toHeaderMap(noReq))).toBe('corr');
    const { 'x-correlation-id': _c, ...noCorr } = noReq;
    expect(parseRequestId(toHeaderMap(noCorr))).toBe('amzn');
    expect(parseRequestId(toHeaderMap({ 'cf-ray': '8a1b2c3d4e5f6789-SJC' }))).toBe('8a1b2c3d4e5f6789-SJC');
  });

  it('skips blank values', () => {
    expect(parseRequestId(toHeaderMap({ 'x-custom': '  ', 'request-id': 'req_1' }), ['x-custom'])).toBe('req_1');
  });

  it('trims, and takes the first of a repeated header', () => {
    expect(parseRequestId(toHeaderMap({ 'request-id': ['req_1', 'req_1'] }))).toBe('req_1');
    expect(parseRequestId(toHeaderMap({ 'request-id': '  req_2 ' }))).toBe('req_2');
  });

  it('cuts an absurdly long id', () => {
    expect(parseRequestId(toHeaderMap({ 'x-request-id': 'a'.repeat(10_000) }))).toHaveLength(200);
  });

  it('returns undefined when there is no id', () => {
    expect(parseRequestId(toHeaderMap({}))).toBeUndefined();
    expect(parseRequestId(toHeaderMap({ 'x-request-id': ',' }), [])).toBeUndefined();
  });

  it('treats __proto__-like header names as plain data', () => {
    const headers = toHeaderMap(JSON.parse('{"__proto__":"x","constructor":"y"}') as Record<string, string>);
    expect(parseRequestId(headers, ['__proto__'])).toBe('x');
    expect(parseRequestId(headers, ['constructor'])).toBe('y');
    expect(parseRequestId(toHeaderMap({}), ['constructor', '__proto__', 'toString'])).toBeUndefined();
  });
});
