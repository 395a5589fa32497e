// GitHub's documented non-JSON endpoints end to end: the github adapter through a client, against the built-in
// simulator's GitHub endpoints (rendered markdown, raw contents in GitHub's media type, a tarball redirected to a
// second origin that plays codeload.github.com), with `baseUrl` pointing at the simulator.
import { gunzipSync } from 'node:zlib';
import { createClient } from '@rosetta/core';
import { loadFixtures, type Simulator, startSimulator } from '@rosetta/testkit';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { github } from '../src/index';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({
    providers: [
      {
        id: 'github',
        fixtures: loadFixtures(new URL('./fixtures', import.meta.url)),
        limits: [{ model: 'github', resources: { core: { limit: 100, windowMs: 60_000 } } }],
        endpoints: 'github',
      },
    ],
  });
});
afterAll(async () => {
  await sim.close();
});

const client = (extra: { trustedRedirectOrigins?: readonly string[] } = {}) =>
  createClient(github, { baseUrl: sim.urlFor('github'), auth: { token: 'ghp_FAKE0000' }, retry: false, ...extra });

/** The first file of a ustar archive: its name and contents. */
function firstFile(tar: Buffer): [string, string] {
  const name = tar.toString('utf8', 0, 100).replace(/\0.*$/s, '');
  const size = Number.parseInt(tar.toString('utf8', 124, 136), 8);
  return [name, tar.toString('utf8', 512, 512 + size)];
}

describe('GitHub downloads through the client, against the simulator', () => {
  it('POST /markdown resolves with the rendered HTML (documented text/html on 200)', async () => {
    const html = await client().post('/markdown', { body: { text: 'Hello **world**', mode: 'gfm' } });
    expect(html).toBe('<p>Hello **world**</p>\n');
  });

  it("raw contents in GitHub's raw media type resolve with the file text, by default and as text", async () => {
    const c = client();
    for (const accept of ['application/vnd.github.raw+json', 'application/vnd.github.v3.raw']) {
      // A file path keeps its slashes: it is written into the path, not passed as a (percent-encoded) param.
      const call = { headers: { accept } };
      await expect(c.get('/repos/o/r/contents/docs/README.md', call)).resolves.toBe(
        'contents of docs/README.md in o/r\n',
      );
      const text = await c.get('/repos/o/r/contents/docs/README.md', { ...call, responseType: 'text' });
      expectTypeOf(text).toEqualTypeOf<string>();
      expect(text).toBe('contents of docs/README.md in o/r\n');
    }
  });

  it('a tarball follows the 302 to the download host the client trusts, as bytes and as a stream', async () => {
    const c = client({ trustedRedirectOrigins: [sim.downloadOrigin] });
    const path = '/repos/{owner}/{repo}/tarball/{ref}';
    const params = { owner: 'octocat', repo: 'hello-world', ref: 'main' };
    const bytes = await c.get(path, { params, responseType: 'bytes' });
    expect(firstFile(gunzipSync(bytes))).toEqual(['octocat-hello-world-main/README.md', '# hello-world\n']);
    // By content type, without asking: application/x-gzip is bytes.
    expect(await c.get(path, { params })).toBeInstanceOf(Uint8Array);
    const stream = await c.get(path, { params, responseType: 'stream' });
    const streamed = Buffer.from(await new Response(stream).arrayBuffer());
    expect(firstFile(gunzipSync(streamed))).toEqual(['octocat-hello-world-main/README.md', '# hello-world\n']);
  });

  it('the same redirect is refused when the download host is not trusted', async () => {
    await expect(
      client().get('/repos/{owner}/{repo}/tarball/{ref}', { params: { owner: 'o', repo: 'r', ref: 'main' } }),
    ).rejects.toMatchObject({ kind: 'invalid_response', code: 'redirect_refused' });
  });
});
