import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FixtureError, loadFixtures, parseFixture } from '../../src/index';

const valid = {
  name: 'card-declined',
  source: 'https://docs.example.com/errors#card-declined',
  request: { method: 'POST', path: '/v1/charges' },
  response: { status: 402, headers: { 'request-id': 'req_FAKE1' }, body: { error: { code: 'card_declined' } } },
  expected: { kind: 'payment_required', code: 'card_declined', retryable: false, fieldErrors: [] },
};
const success = {
  name: 'ok',
  source: 'stripe/stripe-node src/Error.ts',
  request: { method: 'GET', path: '/v1/x?limit=2' },
  now: '2024-05-01T12:00:00Z',
  response: { status: 200 },
  expected: null,
};

let dirs: string[] = [];
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rosetta-fixtures-'));
  dirs.push(dir);
  for (const [file, content] of Object.entries(files)) {
    writeFileSync(join(dir, file), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}
afterEach(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs = [];
});

/** The FixtureError thrown by `run`, so its file and field can be asserted. */
function failure(run: () => unknown): FixtureError {
  try {
    run();
  } catch (error) {
    if (error instanceof FixtureError) return error;
    throw error;
  }
  throw new Error('expected a FixtureError');
}

describe('loadFixtures', () => {
  it('reads every *.json of a folder, by file name, from a path or a file URL', () => {
    const dir = folder({ 'ok.json': success, 'card-declined.json': valid, 'README.md': '# not a fixture' });
    const fixtures = loadFixtures(dir);
    expect(fixtures.map((f) => f.name)).toEqual(['card-declined', 'ok']);
    expect(fixtures[0]).toEqual(valid);
    expect(loadFixtures(pathToFileURL(`${dir}/`))).toEqual(fixtures);
  });

  it('names the file and the field of a missing or mistyped member', () => {
    const { retryable: _dropped, ...noRetryable } = valid.expected;
    const dir = folder({ 'card-declined.json': { ...valid, expected: noRetryable } });
    const error = failure(() => loadFixtures(dir));
    expect(error.field).toBe('expected.retryable');
    expect(error.file).toBe(join(dir, 'card-declined.json'));
    expect(error.message).toMatch(
      /^Invalid fixture .*card-declined\.json: expected\.retryable: expected boolean, got nothing \(the member is missing\)$/,
    );

    const mistyped = folder({ 'card-declined.json': { ...valid, expected: { ...valid.expected, retryable: 'no' } } });
    expect(failure(() => loadFixtures(mistyped)).message).toContain('expected.retryable: expected boolean, got string');
    const badStatus = folder({ 'card-declined.json': { ...valid, response: { ...valid.response, status: 99 } } });
    expect(failure(() => loadFixtures(badStatus)).message).toContain('response.status: must be >= 100');
    const badKind = folder({ 'card-declined.json': { ...valid, expected: { ...valid.expected, kind: 'card_error' } } });
    expect(failure(() => loadFixtures(badKind)).message).toMatch(/expected\.kind: must be one of "authentication", /);
    const badMethod = folder({ 'card-declined.json': { ...valid, request: { method: 'post', path: '/v1/charges' } } });
    expect(failure(() => loadFixtures(badMethod)).field).toBe('request.method');
    const badPath = folder({ 'card-declined.json': { ...valid, request: { method: 'POST', path: 'v1/charges' } } });
    expect(failure(() => loadFixtures(badPath)).message).toContain('request.path: must start with "/"');
  });

  it('refuses an empty or blank source: every fixture cites where its shape comes from', () => {
    for (const source of ['', '   ']) {
      const error = failure(() => loadFixtures(folder({ 'card-declined.json': { ...valid, source } })));
      expect(error.field).toBe('source');
      expect(error.message).toContain('must not be empty');
    }
    const { source: _dropped, ...uncited } = valid;
    expect(failure(() => loadFixtures(folder({ 'card-declined.json': uncited }))).field).toBe('source');
  });

  it('refuses members it does not know, so a misspelt expectation is not silently skipped', () => {
    const dir = folder({ 'card-declined.json': { ...valid, expected: { ...valid.expected, retryAfter: 1000 } } });
    const error = failure(() => loadFixtures(dir));
    expect(error.field).toBe('expected.retryAfter');
    expect(error.message).toContain('expected.retryAfter: unknown member');
  });

  it('refuses duplicate names, and names that differ from the file name', () => {
    const twice = failure(() =>
      loadFixtures(folder({ 'a.json': { ...valid, name: 'a' }, 'b.json': { ...valid, name: 'a' } })),
    );
    expect(twice.field).toBe('name');
    expect(twice.message).toMatch(/b\.json: name: "a" is also the name of .*a\.json/);
    const renamed = failure(() => loadFixtures(folder({ 'declined.json': valid })));
    expect(renamed.message).toContain('must match the file name (card-declined.json)');
  });

  it('reports a file that is not JSON, an unparsable `now`, and a folder without fixtures', () => {
    const broken = failure(() => loadFixtures(folder({ 'card-declined.json': '{"name": ' })));
    expect(broken.field).toBe('(file)');
    expect(broken.message).toContain('not valid JSON');
    expect(failure(() => parseFixture('x.json', JSON.stringify({ ...success, now: 'yesterday' }))).field).toBe('now');
    expect(failure(() => loadFixtures(folder({ 'notes.txt': 'x' }))).message).toContain('no *.json fixture');
  });
});
