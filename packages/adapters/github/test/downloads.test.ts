// GitHub's documented non-JSON answers: rendered markdown (text/html on 200), raw contents in GitHub's own media
// type, codeload archives reached by a 302. Read at the classify hook, and through a client where core already
// reads such bodies (markdown as text, the archive redirect).
import { createClient, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { github } from '../src/index';
import { isNonJsonSuccess } from '../src/non-json-success';

const HTML = { 'content-type': 'text/html;charset=utf-8' };
// The first bytes of a gzip member (RFC 1952 ID1 ID2 CM).
const GZIP = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03]);

function read(method: string, path: string, status: number, headers: Record<string, string>, body: unknown) {
  return normalizeResponse(github, { status, headers, body, method, url: `${github.baseUrl}${path}` });
}

describe('GitHub non-JSON successes at the classify hook', () => {
  it('passes rendered markdown (text/html on 200) from /markdown and /markdown/raw, on GHES too', () => {
    for (const path of ['/markdown', '/markdown/raw', '/api/v3/markdown', '/api/v3/markdown/raw']) {
      expect(read('POST', path, 200, HTML, '<h3 dir="auto">Hello</h3>'), path).toBeNull();
    }
  });

  it('still flags an HTML 200 anywhere else as a page that is not the API', () => {
    for (const path of ['/repos/o/r', '/repos/o/r/contents/docs/markdown', '/markdown/other']) {
      expect(read('GET', path, 200, HTML, '<html><title>Sign in</title></html>'), path).toMatchObject({
        kind: 'invalid_response',
        code: 'html_body',
      });
    }
  });

  it('keeps a markdown error an error', () => {
    const err = read(
      'POST',
      '/markdown',
      400,
      { 'content-type': 'application/json; charset=utf-8' },
      {
        message: 'Problems parsing JSON',
      },
    );
    expect(err).toMatchObject({ kind: 'validation', status: 400 });
  });

  it('passes GitHub text media types (raw, html, diff, patch, sha; v3 and +json spellings) as successes', () => {
    for (const type of [
      'application/vnd.github.v3.raw; charset=utf-8',
      'application/vnd.github.raw; charset=utf-8',
      'application/vnd.github.raw+json; charset=utf-8',
      'application/vnd.github.html; charset=utf-8',
      'application/vnd.github.diff; charset=utf-8',
      'application/vnd.github.patch',
      'application/vnd.github.sha; charset=utf-8',
    ]) {
      expect(
        read('GET', '/repos/o/r/contents/README.md', 200, { 'content-type': type }, '# hello-world'),
        type,
      ).toBeNull();
    }
  });

  it('leaves GitHub JSON media types to core: a broken JSON body is still broken', () => {
    for (const type of [
      'application/vnd.github+json',
      'application/vnd.github.v3+json',
      'application/vnd.github.full+json',
    ]) {
      expect(read('GET', '/repos/o/r', 200, { 'content-type': type }, 'not json'), type).toMatchObject({
        kind: 'invalid_response',
      });
    }
    expect(read('GET', '/repos/o/r', 200, { 'content-type': 'application/vnd.github.rawness' }, 'x')).toMatchObject({
      kind: 'invalid_response',
    });
  });

  it('passes a codeload archive (application/x-gzip bytes) as a success', () => {
    const url = 'https://codeload.github.com/o/r/legacy.tar.gz/refs/heads/main';
    const err = normalizeResponse(github, {
      status: 200,
      headers: {
        'content-type': 'application/x-gzip',
        'content-disposition': 'attachment; filename=o-r-900f3f8.tar.gz',
      },
      body: GZIP,
      method: 'GET',
      url,
    });
    expect(err).toBeNull();
  });

  it('never passes a non-2xx', () => {
    expect(isNonJsonSuccess({ status: 502, path: '/markdown', headers: HTML })).toBe(false);
    expect(isNonJsonSuccess({ status: 404, path: '/x', headers: { 'content-type': 'application/x-gzip' } })).toBe(
      false,
    );
    expect(isNonJsonSuccess({ status: 302, path: '/repos/o/r/tarball/main', headers: HTML })).toBe(false);
  });
});

describe('GitHub downloads through a client', () => {
  it('returns the rendered markdown page as the data of POST /markdown', async () => {
    const page = '<h3 dir="auto">Hello</h3>\n<p dir="auto">b597b5d</p>';
    const t = createScriptedFetch([{ status: 200, headers: HTML, body: page }]);
    const client = createClient(github, { auth: { token: 'ghp_fake' }, rateLimit: false, fetch: t.fetch });
    await expect(client.post('/markdown', { body: { text: '### Hello\n\nb597b5d', mode: 'gfm' } })).resolves.toBe(page);
    expect(t.log).toEqual(['START POST /markdown']);
  });

  it('follows the tarball 302 to codeload.github.com, without the token', async () => {
    const location = 'https://codeload.github.com/o/r/legacy.tar.gz/refs/heads/main';
    const t = createScriptedFetch([
      // octokit/fixtures get-archive: an empty text/html 302 whose Location is codeload.
      { status: 302, headers: { ...HTML, 'content-length': '0', location } },
      { status: 200, headers: { 'content-type': 'application/x-gzip' }, body: 'archive' },
    ]);
    const client = createClient(github, { auth: { token: 'ghp_fake' }, rateLimit: false, fetch: t.fetch });
    await expect(client.get('/repos/o/r/tarball/main')).resolves.toBeDefined();
    expect(t.requests.map((r) => r.url)).toEqual(['https://api.github.com/repos/o/r/tarball/main', location]);
    expect(t.requests[0]?.headers.authorization).toBe('Bearer ghp_fake');
    expect(t.requests[1]?.headers.authorization).toBeUndefined();
  });
});
