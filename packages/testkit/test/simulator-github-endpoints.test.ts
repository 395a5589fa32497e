import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { type AdapterFixture, loadFixtures, type Simulator, startSimulator } from '../src/index';

// Real recorded fixtures, read as data: the testkit never imports an adapter package.
const github: AdapterFixture[] = loadFixtures(new URL('../../adapters/github/test/fixtures', import.meta.url));

let sim: Simulator | undefined;
async function start(endpoints: boolean): Promise<Simulator> {
  sim = await startSimulator({
    providers: [
      {
        id: 'github',
        fixtures: github,
        limits: [{ model: 'github', resources: { core: { limit: 100, windowMs: 60_000 } } }],
        ...(endpoints ? { endpoints: 'github' as const } : {}),
      },
    ],
  });
  return sim;
}
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** The names and contents of a ustar archive's regular files. */
function untar(tar: Buffer): Record<string, string> {
  const files: Record<string, string> = {};
  for (let at = 0; at + 512 <= tar.length; ) {
    const name = tar.toString('utf8', at, at + 100).replace(/\0.*$/s, '');
    if (name === '') break;
    const size = Number.parseInt(tar.toString('utf8', at + 124, at + 136), 8);
    files[name] = tar.toString('utf8', at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

describe("the simulator's GitHub endpoints", () => {
  it('renders POST /markdown and /markdown/raw as text/html, HTML-escaped, under the rate limit', async () => {
    const s = await start(true);
    const md = await fetch(`${s.urlFor('github')}/markdown`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/vnd.github+json' },
      body: JSON.stringify({ text: 'Hello <b>world</b>\n\nb597b5d', mode: 'gfm' }),
    });
    expect(md.status).toBe(200);
    expect(md.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(md.headers.get('x-ratelimit-resource')).toBe('core');
    expect(await md.text()).toBe('<p>Hello &#60;b&#62;world&#60;/b&#62;</p>\n<p>b597b5d</p>\n');
    const raw = await fetch(`${s.urlFor('github')}/markdown/raw`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: '### Hello',
    });
    expect(raw.headers.get('content-type')).toBe('text/html;charset=utf-8');
    expect(await raw.text()).toBe('<p>### Hello</p>\n');
  });

  it('answers raw contents in the media type asked for, with a charset, as bytes', async () => {
    const s = await start(true);
    for (const accept of ['application/vnd.github.raw+json', 'application/vnd.github.v3.raw']) {
      const res = await fetch(`${s.urlFor('github')}/repos/o/r/contents/docs/README.md`, { headers: { accept } });
      expect(res.status, accept).toBe(200);
      expect(res.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
      expect(await res.text()).toBe('contents of docs/README.md in o/r\n');
    }
    // The JSON representation is left to the fixtures (here: the provider's empty success).
    const json = await fetch(`${s.urlFor('github')}/repos/o/r/contents/README.md`, {
      headers: { accept: 'application/vnd.github+json' },
    });
    expect(json.headers.get('content-type')).toBe('application/json');
  });

  it('redirects a tarball to the download origin, which answers gzipped tar bytes', async () => {
    const s = await start(true);
    expect(s.downloadOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(s.downloadOrigin).not.toBe(s.origin);
    const res = await fetch(`${s.urlFor('github')}/repos/octocat/hello-world/tarball/main`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('content-type')).toBe('text/html;charset=utf-8');
    const location = res.headers.get('location');
    expect(location).toBe(`${s.downloadOrigin}/octocat/hello-world/legacy.tar.gz/main`);

    const archive = await fetch(location ?? '');
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-type')).toBe('application/x-gzip');
    expect(archive.headers.get('content-disposition')).toBe('attachment; filename=octocat-hello-world-main.tar.gz');
    const bytes = Buffer.from(await archive.arrayBuffer());
    expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    expect(untar(gunzipSync(bytes))).toEqual({ 'octocat-hello-world-main/README.md': '# hello-world\n' });
    const missing = await fetch(`${s.downloadOrigin}/octocat/hello-world/other`);
    expect(missing.status).toBe(404);
  });

  it('answers none of this for a provider without endpoints: github', async () => {
    const s = await start(false);
    const res = await fetch(`${s.urlFor('github')}/repos/octocat/hello-world/tarball/main`, { redirect: 'manual' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
  });

  it('close stops the download host too', async () => {
    const s = await start(true);
    await s.close();
    await expect(fetch(`${s.downloadOrigin}/o/r/legacy.tar.gz/main`)).rejects.toThrow();
  });
});
