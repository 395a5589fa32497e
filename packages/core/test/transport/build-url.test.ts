import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUrl, expandPath } from '../../src/transport/build-url';
import { TransportFault } from '../../src/transport/transport-fault';

const BASE = 'https://api.x.com/v2';

function invalidPath(run: () => unknown): TransportFault {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TransportFault);
    expect((error as TransportFault).reason).toBe('invalid_path');
    return error as TransportFault;
  }
  throw new Error('expected an invalid_path fault');
}

describe('buildUrl', () => {
  it.each([
    ['/users/42', 'https://api.x.com/v2/users/42'],
    ['users/42', 'https://api.x.com/v2/users/42'],
    ['/users/', 'https://api.x.com/v2/users/'],
    ['', 'https://api.x.com/v2'],
    ['/', 'https://api.x.com/v2/'],
    ['/a/./b', 'https://api.x.com/v2/a/b'],
    ['/a/../b', 'https://api.x.com/v2/b'],
    ['/v1/customers:search', 'https://api.x.com/v2/v1/customers:search'],
    ['/files/a b', 'https://api.x.com/v2/files/a%20b'],
  ])('joins %j under the base path prefix', (path, href) => {
    const url = buildUrl(BASE, path);
    expect(url.href).toBe(href);
    expect(url.origin).toBe('https://api.x.com');
  });

  it('keeps a prefix given with a trailing slash', () => {
    expect(buildUrl('https://api.x.com/v2/', '/users').href).toBe('https://api.x.com/v2/users');
  });

  it('refuses a base URL holding credentials, without echoing them', () => {
    for (const base of [
      'https://user:pw_9f3k@api.x.com/v2',
      'https://pw_9f3k@api.x.com',
      'https://:pw_9f3k@api.x.com',
    ]) {
      const fault = invalidPath(() => buildUrl(base, '/users'));
      expect(fault.message).toContain('must not hold credentials');
      expect(fault.message).not.toContain('pw_9f3k');
    }
  });

  // The adapters of per-account APIs carry a template (jira `https://{site}.atlassian.net`, quickbooks
  // `.../v3/company/{realmId}`); used as is, a call went out to `%7BrealmId%7D` with the caller's token on it.
  it('refuses a base URL with an unfilled placeholder, naming the placeholder only', () => {
    for (const [base, name] of [
      ['https://{site}.atlassian.net', '{site}'],
      ['https://quickbooks.api.intuit.com/v3/company/{realmId}', '{realmId}'],
    ] as const) {
      expect(invalidPath(() => buildUrl(base, '/users')).message).toBe(
        `Base URL has an unfilled ${name}: pass the account's baseUrl`,
      );
    }
    expect(buildUrl('https://api.x.com/v2', '/a%7Bb%7D').href).toBe('https://api.x.com/v2/a%7Bb%7D');
  });

  it('works with a bare origin', () => {
    expect(buildUrl('http://127.0.0.1:4010', '/v1/charges').href).toBe('http://127.0.0.1:4010/v1/charges');
  });

  it.each([
    ['absolute https', 'https://evil.example/x'],
    ['absolute upper-case scheme', 'HTTP://x'],
    ['javascript scheme', 'javascript:alert(1)'],
    ['data scheme', 'data:text/plain,hi'],
    ['protocol-relative', '//evil.example/x'],
    ['backslash after slash', '/\\evil.example'],
    ['double backslash', '\\\\evil.example'],
    ['backslash inside', '/users\\..\\..\\admin'],
    ['escaping ..', '/../admin'],
    ['escaping .. deep', '/a/../../admin'],
    ['bare ..', '..'],
    ['encoded ..', '/%2e%2e/admin'],
    ['mixed-case encoded ..', '/.%2E/admin'],
    ['CR LF', '/users\r\nHost: evil'],
    ['NUL', '/users\u0000'],
    ['tab', '/us\ters'],
    ['unicode line separator', '/users\u2028x'],
    ['fragment', '/users#frag'],
  ])('rejects a path that is %s', (_label, path) => {
    invalidPath(() => buildUrl(BASE, path));
  });

  it('never echoes the path in its message (it may carry a secret)', () => {
    const fault = invalidPath(() => buildUrl(BASE, 'https://evil.example/?token=s3cret'));
    expect(fault.message).not.toContain('s3cret');
    expect(fault.message).not.toContain('evil');
  });

  it('rejects an invalid or non-http base URL without echoing it', () => {
    const fault = invalidPath(() => buildUrl('not a url :pw@', '/x'));
    expect(fault.message).not.toContain(':pw@');
    invalidPath(() => buildUrl('ftp://files.x.com', '/x'));
  });

  it('appends query values: skips null/undefined, repeats arrays, stringifies scalars', () => {
    const url = buildUrl(BASE, '/search', {
      q: 'a b&c=d',
      page: 2,
      draft: false,
      none: null,
      missing: undefined,
      ids: ['1', 2, true],
      empty: [],
    });
    expect(url.search).toBe('?q=a%20b%26c%3Dd&page=2&draft=false&ids=1&ids=2&ids=true');
    expect(url.searchParams.getAll('ids')).toEqual(['1', '2', 'true']);
  });

  it('keeps a query inside the path and the base URL, then appends query entries', () => {
    const url = buildUrl('https://api.x.com/v2?api-version=7', '/items?limit=3', { page: 2 });
    expect(url.pathname).toBe('/v2/items');
    expect(url.search).toBe('?api-version=7&limit=3&page=2');
  });

  it('always stays on the base origin and under its prefix (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (path) => {
        let url: URL;
        try {
          url = buildUrl(BASE, path);
        } catch (error) {
          return error instanceof TransportFault && error.reason === 'invalid_path';
        }
        return url.origin === 'https://api.x.com' && (url.pathname === '/v2' || url.pathname.startsWith('/v2/'));
      }),
      { numRuns: 500 },
    );
  });

  it('stays on origin for paths built from URL-ish fragments (property)', () => {
    const piece = fc.constantFrom(
      '/',
      '//',
      '\\',
      '..',
      '.',
      '%2e',
      '%2E',
      'evil.com',
      '@',
      ':',
      'http:',
      '?',
      '#',
      'a',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        try {
          const url = buildUrl(BASE, pieces.join(''));
          return url.origin === 'https://api.x.com' && (url.pathname === '/v2' || url.pathname.startsWith('/v2/'));
        } catch (error) {
          return error instanceof TransportFault;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('expandPath', () => {
  it('replaces {name} and :name placeholders with encoded values', () => {
    expect(expandPath('/repos/{owner}/{repo}/issues/:number', { owner: 'octo', repo: 'hello world', number: 7 })).toBe(
      '/repos/octo/hello%20world/issues/7',
    );
  });

  it('keeps a traversal or a slash inside a value inside one segment', () => {
    const path = expandPath('/users/{id}/posts', { id: '../../admin' });
    expect(path).toBe('/users/..%2F..%2Fadmin/posts');
    expect(buildUrl(BASE, path).pathname).toBe('/v2/users/..%2F..%2Fadmin/posts');
    expect(expandPath('/files/:name', { name: 'a/b?c#d' })).toBe('/files/a%2Fb%3Fc%23d');
  });

  it('treats :name only at the start of a segment', () => {
    expect(expandPath('/v1/files/{id}:copy', { id: 'f1' })).toBe('/v1/files/f1:copy');
    expect(expandPath(':org/teams', { org: 'acme' })).toBe('acme/teams');
  });

  it('does not re-expand placeholders that appear inside values', () => {
    expect(expandPath('/a/{x}/{y}', { x: '{y}', y: ':x' })).toBe('/a/%7By%7D/%3Ax');
  });

  it.each([
    ['missing', {}],
    ['empty', { id: '' }],
    ['a dot', { id: '.' }],
    ['two dots', { id: '..' }],
    ['NaN', { id: Number.NaN }],
    ['inherited', Object.create({ id: 'x' }) as Record<string, string>],
  ])('rejects a parameter that is %s', (_label, params) => {
    invalidPath(() => expandPath('/users/{id}', params));
  });

  it('names the missing parameter, not any value', () => {
    expect(invalidPath(() => expandPath('/users/{id}/{key}', { id: 'sk_live_123' })).message).toBe(
      'Missing path parameter "key"',
    );
  });
});
