// docs/reliability.md 18 and 19, and hostile JSON, through the whole client rather than the parser alone:
// whatever the body, the call settles with data or an ApiError, never a RangeError or a polluted prototype.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type FaultServer, startFaultServer } from '@rosetta/testkit';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import { createClient } from '../../src/client/create-client';
import type { ClientOptions } from '../../src/client/options';
import { isApiError } from '../../src/errors/is-api-error';
import { rejectsWithin, resolvesWithin, settleWithin } from '../faults/settle-within';

const BOUND_MS = 10_000;
const MIB = 1 << 20;
const LIMIT = 64 * 1024;

/**
 * A loopback server answering exactly the bytes a test queued for the next request, with the status,
 * content type and framing (Content-Length, chunked, gzip) it asked for.
 */
interface Reply {
  readonly status: number;
  readonly body: Buffer;
  readonly type?: string;
  readonly framing?: 'length' | 'chunked' | 'gzip';
}
let server: Server;
let origin: string;
let next: Reply = { status: 200, body: Buffer.from('{}') };
let faults: FaultServer;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const { status, body, type = 'application/json', framing = 'length' } = next;
      if (framing === 'gzip') {
        const zipped = gzipSync(body);
        res.writeHead(status, { 'content-type': type, 'content-encoding': 'gzip', 'content-length': zipped.length });
        res.end(zipped);
      } else if (framing === 'chunked') {
        res.writeHead(status, { 'content-type': type, 'transfer-encoding': 'chunked' });
        for (let i = 0; i < body.length; i += 4096) res.write(body.subarray(i, i + 4096));
        res.end();
      } else {
        res.writeHead(status, { 'content-type': type, 'content-length': body.length });
        res.end(body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  faults = await startFaultServer();
});
afterAll(async () => {
  server.closeAllConnections();
  await Promise.all([new Promise((resolve) => server.close(resolve)), faults.close()]);
});
afterEach(() => {
  // Nothing a test did may leave a trace on the shared prototypes.
  expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

function client(extra: ClientOptions = {}) {
  return createClient(genericAdapter, {
    baseUrl: origin,
    rateLimit: false,
    retry: false,
    maxBodyBytes: LIMIT,
    ...extra,
  });
}
function answer(reply: Reply): void {
  next = reply;
}
const json = (text: string, status = 200, framing: Reply['framing'] = 'length'): Reply => ({
  status,
  body: Buffer.from(text),
  framing,
});

/** A JSON document of exactly `bytes` bytes: `{"pad":"xxx..."}`. */
function jsonOfSize(bytes: number): string {
  const overhead = '{"pad":""}'.length;
  return `{"pad":"${'x'.repeat(bytes - overhead)}"}`;
}

describe('prototype pollution through the client (FAULTS 18)', () => {
  const hostile = [
    '{"__proto__":{"polluted":true},"id":1}',
    '{"constructor":{"prototype":{"polluted":true}},"id":1}',
    '{"a":[{"__proto__":{"polluted":true}}],"b":{"constructor":{"prototype":{"polluted":true}}},"id":1}',
    '{"\\u005f\\u005fproto\\u005f\\u005f":{"polluted":true},"id":1}',
  ];

  it.each(hostile)('a success body %s: data without the keys, nothing inherits polluted', async (text) => {
    answer(json(text));
    const data = await resolvesWithin(client().get<Record<string, unknown>>('/x'), BOUND_MS);
    expect(data.id).toBe(1);
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.hasOwn(data, '__proto__')).toBe(false);
    expect(Object.hasOwn(data, 'constructor')).toBe(false);
    // What product code typically does next with provider data: copy and merge it.
    const merged = Object.assign({}, data, structuredClone(data), { ...data });
    expect(merged.polluted).toBeUndefined();
    expect((Object.create(null) as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(hostile)('an error body %s: a typed error whose kept body has none of the keys', async (text) => {
    answer(json(text, 400));
    const err = await rejectsWithin(client().get('/x'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'validation', status: 400 });
    const kept = JSON.stringify(err.toJSON());
    expect(kept).not.toContain('__proto__');
    expect(kept).not.toContain('"constructor"');
    expect((err.response?.body as Record<string, unknown> | undefined)?.polluted).toBeUndefined();
  });

  it('a response header named __proto__ or constructor is only data', async () => {
    const fetch = (async () =>
      new Response('{"ok":true}', {
        status: 503,
        headers: new Headers([
          ['content-type', 'application/json'],
          ['__proto__', 'x'],
          ['constructor', 'y'],
        ]),
      })) as typeof globalThis.fetch;
    const err = await rejectsWithin(client({ fetch }).get('/x'), BOUND_MS);
    const headers = err.response?.headers ?? {};
    expect(Object.getOwnPropertyDescriptor(headers, '__proto__')?.value).toBe('x');
    expect(headers.constructor).toBe('y');
    expect(err.kind).toBe('unavailable');
  });
});

describe('bodies at and past maxBodyBytes (FAULTS 19)', () => {
  it.each(['length', 'chunked', 'gzip'] as const)(
    '%s: exactly the limit is read, one byte more is body_too_large',
    async (framing) => {
      answer(json(jsonOfSize(LIMIT), 200, framing));
      const data = await resolvesWithin(client().get<{ pad: string }>('/x'), BOUND_MS);
      expect(data.pad).toHaveLength(LIMIT - 10);

      answer(json(jsonOfSize(LIMIT + 1), 200, framing));
      const err = await rejectsWithin(client().get('/x'), BOUND_MS);
      expect(err).toMatchObject({ kind: 'invalid_response', code: 'body_too_large', retryable: false });
      expect(err.message).toContain(`${LIMIT}-byte limit`);
    },
  );

  it('applies to error bodies too: a huge 500 is body_too_large, not a server error with 10 MB attached', async () => {
    answer(json(jsonOfSize(LIMIT + 1), 500, 'chunked'));
    const err = await rejectsWithin(client().get('/x'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'body_too_large' });
  });

  it('a gzip body that inflates 1000x stops at the limit, counted after decompression', async () => {
    // 1 MiB of zeros gzips to about 1 KB; the limit is 64 KiB, far above the bytes on the wire.
    const zipped = gzipSync(Buffer.alloc(MIB));
    expect(MIB / zipped.length).toBeGreaterThan(900);
    answer(json('\0'.repeat(MIB), 200, 'gzip'));
    const err = await rejectsWithin(client().get('/x'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'body_too_large' });
  });

  it('a 20 MiB gzip bomb from the fault server, with the default 10 MiB limit', async () => {
    const c = createClient(genericAdapter, { baseUrl: faults.origin, rateLimit: false, retry: false });
    const err = await rejectsWithin(c.get('/gzip-bomb?mb=20'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'body_too_large' });
    expect(err.message).toContain(`${10 * MIB}-byte limit`);
  });
});

describe('deeply nested JSON', () => {
  const DEPTH = 100_000;
  const arrays = `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`;
  const objects = `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`;

  it.each([
    ['arrays', arrays],
    ['objects', objects],
  ])('%s 100,000 levels deep as a success body: invalid_response, no RangeError', async (_label, text) => {
    answer({ status: 200, body: Buffer.from(text), framing: 'chunked' });
    const err = await rejectsWithin(client({ maxBodyBytes: 10 * MIB }).get('/x'), BOUND_MS);
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'non_json_body' });
    // Every surface stays usable: nothing walks the nesting.
    expect(() => [inspect(err, { depth: 20 }), JSON.stringify(err), err.toProblemDetails()]).not.toThrow();
    expect(JSON.stringify(err.toJSON()).length).toBeLessThan(20_000);
  });

  it.each([
    ['arrays', arrays, 400, 'validation'],
    ['objects', objects, 503, 'unavailable'],
  ])('%s 100,000 levels deep as an error body: the status decides the kind', async (_label, text, status, kind) => {
    answer({ status, body: Buffer.from(text), framing: 'length' });
    const err = await rejectsWithin(client({ maxBodyBytes: 10 * MIB }).get('/x'), BOUND_MS);
    expect(err).toMatchObject({ kind, status });
    expect(err.message.length).toBeLessThan(600);
    expect(() => JSON.stringify(err)).not.toThrow();
  });

  it('a body at the nesting limit parses and every error surface stays bounded', async () => {
    const deep = `${'{"e":'.repeat(1000)}"bottom"${'}'.repeat(1000)}`;
    answer(json(deep, 422));
    const err = await rejectsWithin(client().get('/x'), BOUND_MS);
    expect(err.kind).toBe('validation');
    expect(JSON.stringify(err.toJSON())).toContain('[too deep]');
  });

  it('every hostile body settles as data or an ApiError, never a raw exception', async () => {
    const bodies: Reply[] = [
      { status: 200, body: Buffer.from([0xff, 0xfe, 0xfd, 0x7b, 0x22]) },
      { status: 500, body: Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), type: 'text/plain' },
      { status: 200, body: Buffer.from('\uFEFF{"ok":true}') },
      { status: 200, body: Buffer.from('{"a":1}{"b":2}') },
      { status: 429, body: Buffer.from('null') },
      { status: 400, body: Buffer.from('"just a string"') },
      { status: 200, body: Buffer.from('1e999999') },
      { status: 404, body: Buffer.from(`{"message":"${'\\ud800'.repeat(1000)}"}`) },
      { status: 200, body: Buffer.from(`{"a":"${'x'.repeat(LIMIT - 20)}`) },
    ];
    for (const reply of bodies) {
      answer(reply);
      const outcome = await settleWithin(client().get('/x'), BOUND_MS);
      if (outcome.status === 'rejected') expect(isApiError(outcome.error), String(outcome.error)).toBe(true);
    }
  });
});
