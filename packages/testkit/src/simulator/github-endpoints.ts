import type { SimulatedAnswer } from './answer';
import { tarGzip } from './tar-gzip';

// Shapes recorded from api.github.com and codeload.github.com in octokit/fixtures: scenarios/api.github.com/markdown
// (200 `text/html;charset=utf-8`), get-content (`Accept: application/vnd.github.v3.raw` answered
// `application/vnd.github.v3.raw; charset=utf-8` and the file's bytes) and get-archive (302, empty `text/html` body,
// `Location: https://codeload.github.com/<owner>/<repo>/legacy.tar.gz/<ref>`; codeload: 200 `application/x-gzip`
// with `content-disposition: attachment; filename=...tar.gz`).
const HTML = 'text/html;charset=utf-8';
const RAW_ACCEPT = /application\/vnd\.github(?:\.v3)?\.raw(?:\+json)?/i;
const CONTENTS = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/;
const TARBALL = /^\/repos\/([^/]+)\/([^/]+)\/tarball(?:\/(.+))?$/;
const ARCHIVE = /^\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/(.+)$/;

/** One request to a simulated GitHub, as {@link githubEndpoint} reads it. */
export interface GithubEndpointRequest {
  readonly method: string;
  /** Path inside the provider, without the query. */
  readonly path: string;
  readonly accept: string | undefined;
  /** Request body as text (markdown source). */
  readonly body: string;
}

/**
 * GitHub's non-JSON endpoints, or undefined to leave the request to the fixtures: `POST /markdown` and
 * `/markdown/raw` (the text, HTML-escaped, in paragraphs: a stand-in for GitHub's renderer), raw contents under a
 * `vnd.github.raw` Accept (a few bytes naming the file), and `GET /repos/:owner/:repo/tarball/:ref` (302 to the
 * archive on `downloadOrigin`, the simulator's codeload.github.com).
 *
 * @example
 * githubEndpoint({ method: 'GET', path: '/repos/o/r/tarball/main', accept: undefined, body: '' }, 'http://127.0.0.1:4011');
 * // { status: 302, headers: { location: 'http://127.0.0.1:4011/o/r/legacy.tar.gz/main', ... } }
 */
export function githubEndpoint(request: GithubEndpointRequest, downloadOrigin: string): SimulatedAnswer | undefined {
  const { method, path } = request;
  if (method === 'POST' && (path === '/markdown' || path === '/markdown/raw')) {
    const text = path === '/markdown' ? markdownText(request.body) : request.body;
    return { status: 200, headers: { 'content-type': HTML }, body: renderParagraphs(text) };
  }
  if (method !== 'GET') return undefined;
  const raw = request.accept?.match(RAW_ACCEPT)?.[0];
  const contents = CONTENTS.exec(path);
  if (raw !== undefined && contents !== null) {
    const [, owner, repo, file] = contents;
    // GitHub echoes the media type asked for, with a charset.
    return {
      status: 200,
      headers: { 'content-type': `${raw.toLowerCase()}; charset=utf-8` },
      body: new TextEncoder().encode(`contents of ${file} in ${owner}/${repo}\n`),
    };
  }
  const tarball = TARBALL.exec(path);
  if (tarball !== null) {
    const [, owner, repo, ref = 'main'] = tarball;
    return {
      status: 302,
      headers: { 'content-type': HTML, location: `${downloadOrigin}/${owner}/${repo}/legacy.tar.gz/${ref}` },
    };
  }
  return undefined;
}

/**
 * The download host's answer (codeload.github.com): `GET /:owner/:repo/legacy.tar.gz/:ref` is a gzipped tar of
 * one `README.md` under `<owner>-<repo>-<ref>/`, the same bytes for the same path; anything else is a 404.
 *
 * @example
 * codeloadAnswer('GET', '/o/r/legacy.tar.gz/main'); // { status: 200, headers: { 'content-type': 'application/x-gzip', ... }, body: Uint8Array }
 */
export function codeloadAnswer(method: string, path: string): SimulatedAnswer {
  const archive = method === 'GET' ? ARCHIVE.exec(path) : null;
  if (archive === null) return { status: 404, headers: { 'content-type': 'text/plain' }, body: '404: Not Found' };
  const [, owner, repo, ref] = archive;
  const top = `${owner}-${repo}-${(ref ?? '').replaceAll('/', '-')}`;
  return {
    status: 200,
    headers: {
      'content-type': 'application/x-gzip',
      'content-disposition': `attachment; filename=${top}.tar.gz`,
    },
    body: tarGzip({ [`${top}/README.md`]: `# ${repo}\n` }),
  };
}

/** `text` of a `POST /markdown` JSON body (`{ text, mode?, context? }`), or '' for anything else. */
function markdownText(body: string): string {
  try {
    const parsed = JSON.parse(body) as { text?: unknown };
    return typeof parsed.text === 'string' ? parsed.text : '';
  } catch {
    return '';
  }
}

function renderParagraphs(text: string): string {
  const escaped = text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${p.trim()}</p>\n`)
    .join('');
}
