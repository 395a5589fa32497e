import { describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { genericAdapter } from '../../src/adapter/generic-adapter';
import { classifyResponse, pathOf, redactClassification } from '../../src/classify/classify-response';
import { toHeaderMap } from '../../src/classify/header-map';
import { createClient } from '../../src/client/create-client';
import type { ApiError } from '../../src/errors/api-error';
import type { ClassifyContext } from '../../src/classify/types';
import { createRedactor, REDACTED } from '../../src/errors/redact';

const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);
const facts = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  headers: toHeaderMap(headers),
  body,
  method: 'GET',
  url: 'https://api.test/v1/things/7?expand=all',
  now: NOW,
});

describe('classifyResponse', () => {
  it('gives readings, parsed body and no classification for a success', () => {
    const out = classifyResponse(
      genericAdapter,
      facts(200, new TextEncoder().encode('{"ok":true}'), {
        'x-request-id': 'req_1',
        'x-ratelimit-remaining': '9',
        'retry-after': '3',
      }),
    );
    expect(out.classification).toBeNull();
    expect(out.body).toEqual({ ok: true });
    expect(out.readings).toEqual({
      requestId: 'req_1',
      rateLimit: { remaining: 9 },
      retryAfterMs: 3000,
      retryHint: undefined,
    });
  });

  it('hands hooks the path and core readings on every status, and calls the hook once', () => {
    const seen: ClassifyContext[] = [];
    const adapter = defineAdapter({
      id: 'spy',
      displayName: 'Spy',
      baseUrl: 'https://api.test',
      requestIdHeaders: ['x-spy-id'],
      classify: (ctx) => {
        seen.push(ctx);
        return undefined;
      },
    });
    classifyResponse(adapter, facts(200, { ok: true }, { 'x-spy-id': 's1' }));
    classifyResponse(adapter, { ...facts(500, { message: 'x' }, { 'retry-after': '1' }), path: '/given' });
    expect(seen.map((c) => c.path)).toEqual(['/v1/things/7', '/given']);
    expect(seen[0]?.readings.requestId).toBe('s1');
    expect(seen[1]?.readings.retryAfterMs).toBe(1000);
  });

  it('redacts the texts it keeps, then cuts them to size', () => {
    const secret = 'sk_live_abcdefghijklmnop';
    const redactor = createRedactor({ secrets: [secret] });
    const long = `${'m'.repeat(495)}${secret}${'m'.repeat(10_000)}`;
    const body = {
      message: long,
      code: `${'c'.repeat(195)}${secret}`,
      errors: Array.from({ length: 100 }, () => ({ field: `${'p'.repeat(190)}${secret}`, message: long })),
    };
    const c = classifyResponse(
      genericAdapter,
      facts(400, body, { 'x-request-id': `${'r'.repeat(195)}${secret}` }),
      redactor,
    ).classification;
    expect(c?.message).toBe(`${'m'.repeat(495)}[REDA`);
    expect(c?.code).toHaveLength(200);
    expect(c?.requestId).toBe(`${'r'.repeat(195)}${REDACTED}`.slice(0, 200));
    expect(c?.fieldErrors).toHaveLength(50);
    expect(c?.fieldErrors[0]?.path).toBe(`${'p'.repeat(190)}${REDACTED}`);
    expect(c?.fieldErrors[0]?.message).toHaveLength(500);
    expect(JSON.stringify(c)).not.toContain(secret.slice(0, 5));
  });

  it('summarizes an HTML or text error body in 200 characters, after redaction', () => {
    const secret = 'tok_0123456789abcdef';
    const redactor = createRedactor({ secrets: [secret] });
    const html = `<html><title>${'t'.repeat(195)}${secret}</title></html>`;
    const c = classifyResponse(
      genericAdapter,
      facts(502, html, { 'content-type': 'text/html' }),
      redactor,
    ).classification;
    expect(c?.kind).toBe('unavailable');
    expect(c?.message).toBe(`${'t'.repeat(195)}[RED…`);
    const text = classifyResponse(genericAdapter, facts(500, `a   b\n${'x'.repeat(400)}`)).classification;
    expect(text?.message).toHaveLength(200);
    expect(text?.message?.startsWith('a b x')).toBe(true);
  });

  it('lets a server retry hint win over the hook', () => {
    const adapter = defineAdapter({
      id: 'hint',
      displayName: 'Hint',
      baseUrl: 'https://api.test',
      retryHintHeaders: ['hint-should-retry'],
      classify: () => ({ kind: 'server', retryable: true }),
    });
    const c = classifyResponse(adapter, facts(500, {}, { 'hint-should-retry': 'false' })).classification;
    expect(c).toMatchObject({ kind: 'server', retryable: false });
  });

  it("drops a hook's malformed field errors and bounds the rest", () => {
    const hook = (fieldErrors: unknown) =>
      defineAdapter({
        id: 'fe',
        displayName: 'FE',
        baseUrl: 'https://api.test',
        classify: () => ({ fieldErrors: fieldErrors as never }),
      });
    const items = [null, 'x', { path: 1, message: 'm' }, { path: 'a', message: 'ok', code: 7 }];
    const many = Array.from({ length: 60 }, (_, i) => ({ path: `p${i}`, message: 'bad', code: 'c' }));
    expect(classifyResponse(hook(items), facts(400, {})).classification?.fieldErrors).toEqual([
      { path: 'a', message: 'ok' },
    ]);
    expect(classifyResponse(hook('nope'), facts(400, {})).classification?.fieldErrors).toEqual([]);
    expect(classifyResponse(hook(many), facts(400, {})).classification?.fieldErrors).toHaveLength(50);
  });

  it('redacts each kept text once, never the whole body', () => {
    const redactor = createRedactor({ secrets: ['secret-value'] });
    const text = vi.spyOn(redactor, 'text');
    classifyResponse(genericAdapter, facts(400, { message: 'm', code: 'c', detail: 'd'.repeat(5000) }), redactor);
    // message and code; the request id is absent.
    expect(text.mock.calls.map(([s]) => s)).toEqual(['c', 'm']);
  });
});

describe('the client reads each response once', () => {
  it('calls the hook once per response, even when the body echoes a credential', async () => {
    const token = 'Zq_tok_0123456789';
    let calls = 0;
    const adapter = defineAdapter({
      id: 'once',
      displayName: 'Once',
      baseUrl: 'https://api.test',
      auth: [{ type: 'bearer' }],
      classify: () => {
        calls++;
        return undefined;
      },
    });
    const client = createClient(adapter, {
      rateLimit: false,
      retry: { maxRetries: 0 },
      auth: { token },
      fetch: (async () =>
        new Response(JSON.stringify({ message: `bad token ${token}` }), {
          status: 401,
          headers: { 'content-type': 'application/json' },
        })) as typeof fetch,
    });
    const err = (await client.get('/v1/me').catch((e: unknown) => e)) as ApiError;
    expect(err.detail).toBe(`bad token ${REDACTED}`);
    expect(calls).toBe(1);
  });
});

describe('redactClassification', () => {
  it('redacts then cuts a classification made outside a response', () => {
    const redactor = createRedactor({ secrets: ['pw_123456'] });
    const c = redactClassification(
      { kind: 'unknown', retryable: false, message: 'failed with pw_123456', fieldErrors: [], requestId: 'pw_123456' },
      redactor,
    );
    expect(c).toMatchObject({ message: `failed with ${REDACTED}`, requestId: REDACTED });
  });
});

describe('pathOf', () => {
  it.each([
    ['https://h.test/a/b?q=1#f', '/a/b'],
    ['https://h.test', '/'],
    ['https://h.test?x', '/'],
    ['https://h.test?next=/a/b', '/'],
    ['/rel/path?x=1', '/rel/path'],
    ['https://h.test/graphql#x', '/graphql'],
    ['https://h.test/graph\tql\n', '/graphql'],
  ])('%s -> %s', (url, path) => {
    expect(pathOf(url)).toBe(path);
  });
});
