import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../src/errors/redact';

describe('createRedactor', () => {
  const r = createRedactor({
    headers: ['X-Shopify-Access-Token'],
    params: ['client_secret'],
    secrets: ['sk_test_ABC123xyz'],
  });

  it('redacts built-in and declared secret headers, and scrubs secret values from others', () => {
    const out = r.headers({
      authorization: 'Bearer sk_test_ABC123xyz',
      'x-api-key': 'k',
      cookie: 'a=b',
      'x-shopify-access-token': 'shpat_1',
      'x-echo': 'token sk_test_ABC123xyz here',
      'content-type': 'application/json',
    });
    expect(out).toEqual({
      authorization: REDACTED,
      'x-api-key': REDACTED,
      cookie: REDACTED,
      'x-shopify-access-token': REDACTED,
      'x-echo': `token ${REDACTED} here`,
      'content-type': 'application/json',
    });
  });

  it('redacts secret query parameters and userinfo in URLs, absolute or relative', () => {
    expect(r.url('https://user:pw@api.x.test/a?api_key=zzz&client_secret=s&page=2')).toBe(
      `https://api.x.test/a?api_key=${REDACTED}&client_secret=${REDACTED}&page=2`,
    );
    expect(r.url('/a?access_token=t1&x=1')).toBe(`/a?access_token=${REDACTED}&x=1`);
  });

  it('cuts userinfo and secret query values out of a URL the WHATWG parser refuses, even with a base', () => {
    // A host with a space, an unclosed IPv6 bracket, a port out of range: `new URL(input, base)` throws on each.
    expect(r.url('https://user:hunter2pw@exa mple.com/x?api_key=zzz&page=2')).toBe(
      `https://exa mple.com/x?api_key=${REDACTED}&page=2`,
    );
    expect(r.url('https://bob:pw@[::1/v1?client_secret=s')).toBe(`https://[::1/v1?client_secret=${REDACTED}`);
    expect(r.url('https://a.test:99999/x?a=1&access_token=t1')).toBe(
      `https://a.test:99999/x?a=1&access_token=${REDACTED}`,
    );
  });

  it('scrubs raw and URL-encoded forms of registered secrets', () => {
    const s = createRedactor();
    s.addSecret('p@ss word/1');
    expect(s.text('x p@ss word/1 y')).toBe(`x ${REDACTED} y`);
    expect(s.text(`x ${encodeURIComponent('p@ss word/1')} y`)).toBe(`x ${REDACTED} y`);
    expect(s.text('x p%40ss+word%2F1 y')).toBe(`x ${REDACTED} y`);
  });

  it('bounds and redacts bodies, dropping prototype keys', () => {
    const body = JSON.parse(
      '{"__proto__":{"polluted":1},"token":"t","nested":{"password":"p","msg":"sk_test_ABC123xyz"}}',
    );
    const out = r.body(body) as Record<string, unknown>;
    expect(out).toEqual({ token: REDACTED, nested: { password: REDACTED, msg: REDACTED } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const huge = r.body('x'.repeat(100_000)) as string;
    expect(huge.length).toBeLessThan(8300);
    const wide = r.body({ items: Array.from({ length: 10_000 }, (_, i) => ({ i, s: 'abcdefgh' })) });
    expect(JSON.stringify(wide).length).toBeLessThan(20_000);
  });
});
