import type { ClassifyContext } from '@rosetta/core';

// `POST /markdown` and `/markdown/raw` answer the rendered page as `text/html;charset=utf-8` (recorded in
// octokit/fixtures scenarios/api.github.com/markdown/raw-fixture.json); GHES serves them under `/api/v3`.
const MARKDOWN_PATH = /^(?:\/api\/v3)?\/markdown(?:\/raw)?\/?$/;
// GitHub's non-JSON media types (docs "Media types": raw, html, diff, patch, sha; `v3.` is the older spelling) are
// echoed back with a charset: `application/vnd.github.v3.raw; charset=utf-8` for raw file contents (octokit/fixtures
// scenarios/api.github.com/get-content, octokit/request.js test "non-JSON response"). Plain `vnd.github+json` and
// `.full+json` are JSON and stay core's to judge.
const GITHUB_TEXT_TYPE = /^application\/vnd\.github(?:\.v3)?\.(?:raw|html|diff|patch|sha)(?:\+json)?\s*(?:;|$)/i;
// codeload.github.com answers an archive as `application/x-gzip` (octokit/fixtures scenarios/api.github.com/get-archive).
const ARCHIVE_TYPE = /^application\/x-gzip\s*(?:;|$)/i;

/**
 * Whether a 2xx is one of GitHub's documented non-JSON answers, which core would otherwise read as a proxy's page
 * (`invalid_response`): rendered markdown, a file or diff in one of GitHub's text media types, a codeload archive.
 *
 * @example
 * isNonJsonSuccess({ ...ctx, status: 200, path: '/markdown', headers: { 'content-type': 'text/html;charset=utf-8' } }); // true
 */
export function isNonJsonSuccess(ctx: Pick<ClassifyContext, 'status' | 'path' | 'headers'>): boolean {
  if (ctx.status < 200 || ctx.status >= 300) return false;
  if (MARKDOWN_PATH.test(ctx.path)) return true;
  const type = ctx.headers['content-type'] ?? '';
  return GITHUB_TEXT_TYPE.test(type) || ARCHIVE_TYPE.test(type);
}
