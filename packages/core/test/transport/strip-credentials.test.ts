import { describe, expect, it } from 'vitest';
import { stripCredentials, stripQueryParams } from '../../src/transport/strip-credentials';

describe('stripCredentials', () => {
  it('removes the standard credential headers and the given ones, in any case', () => {
    const headers = new Headers({
      Authorization: 'Bearer t',
      'Proxy-Authorization': 'Basic p',
      Cookie: 'a=b',
      'X-API-Key': 'k',
      'Stripe-Account': 'acct_1',
      Accept: 'application/json',
    });
    const stripped = stripCredentials(headers, ['x-api-key', 'STRIPE-ACCOUNT']);
    const names: string[] = [];
    stripped.forEach((_value, name) => {
      names.push(name);
    });
    expect(names).toEqual(['accept']);
  });

  it('leaves the input untouched', () => {
    const headers = new Headers({ authorization: 'Bearer t' });
    stripCredentials(headers, []);
    expect(headers.get('authorization')).toBe('Bearer t');
  });
});

describe('stripQueryParams', () => {
  it('removes the named parameters, every occurrence, case-insensitively and when percent-encoded', () => {
    const url = new URL('https://x.io/a?api_key=s1&page=2&API_KEY=s2&api%5Fkey=s3&token=t&q=a+b%20c');
    const stripped = stripQueryParams(url, ['api_key', 'token']);
    expect(stripped.href).toBe('https://x.io/a?page=2&q=a+b%20c');
  });

  it('drops the ? when nothing is left, and leaves the input untouched', () => {
    const url = new URL('https://x.io/a?key=s#frag');
    expect(stripQueryParams(url, ['key']).href).toBe('https://x.io/a#frag');
    expect(url.search).toBe('?key=s');
  });

  it('removes parameters whose value is a known secret, whatever their name, and keeps a signed URL of the host', () => {
    const url = new URL('https://dl.x.io/a.tgz?token=HOSTSIGNED&mine=sk_live_secret&page=2');
    const stripped = stripQueryParams(url, [], (value) => value === 'sk_live_secret');
    expect(stripped.href).toBe('https://dl.x.io/a.tgz?token=HOSTSIGNED&page=2');
  });

  it('returns an equal copy when there is nothing to strip', () => {
    const url = new URL('https://x.io/a?b=1');
    const copy = stripQueryParams(url, ['key']);
    expect(copy.href).toBe(url.href);
    expect(copy).not.toBe(url);
  });
});
