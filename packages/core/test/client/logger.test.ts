// createClient's `logger`: fed only from the client's (redacted) events, at fixed levels, and never able to break a call.
import { createScriptedFetch } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { Logger } from '../../src/client/log-events';
import { findLeak } from '../security/leak-check';

const BASE = 'https://api.acme.test';
const KEY = 'Zq_key_7c6b5a4d3e';
const PATH_SECRET = 'Zq_pathsecret_2f1e0d';
const noWait = { baseDelayMs: 0, maxDelayMs: 0, random: () => 0 } as const;
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

type Level = keyof Logger;
interface Line {
  readonly level: Level;
  readonly obj: object;
  readonly msg: string | undefined;
}

/** A logger that records every call; `this` is checked, as pino's methods need it. */
function recordingLogger(): Logger & { readonly lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: Level) =>
    function (this: unknown, obj: object, msg?: string): void {
      if (this !== logger) throw new Error('called without its logger as this');
      lines.push({ level, obj, msg });
    };
  const logger = { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
  return logger;
}

const levelsOf = (lines: readonly Line[]) => lines.map((l) => `${l.level} ${l.msg}`);

describe('logger: levels', () => {
  it('request/response at debug, retry at warn, a failed call at error with a plain summary', async () => {
    const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: BASE, requestIdHeaders: ['x-request-id'] });
    const t = createScriptedFetch([{ status: 503, headers: { 'x-request-id': 'req_1' } }]);
    const logger = recordingLogger();
    const client = createClient(acme, {
      fetch: t.fetch,
      rateLimit: false,
      retry: { ...noWait, maxRetries: 1 },
      logger,
    });
    await expect(client.get('/v1/items')).rejects.toMatchObject({ kind: 'unavailable' });
    expect(levelsOf(logger.lines)).toEqual([
      'debug acme request',
      'debug acme response',
      'warn acme retry',
      'debug acme request',
      'debug acme response',
      'error acme error',
    ]);
    expect(logger.lines[2]?.obj).toMatchObject({ attempt: 1, delayMs: 0, reason: 'unavailable', status: 503 });
    const failed = logger.lines[5]?.obj;
    expect(failed).toEqual({
      kind: 'unavailable',
      code: undefined,
      status: 503,
      message: expect.any(String),
      requestId: 'req_1',
      attempts: 2,
      stopReason: 'max_retries',
    });
    // A plain object: no error instance (its stack, body and cause stay out of the logs).
    expect(failed).not.toBeInstanceOf(Error);
    expect(Object.getPrototypeOf(failed)).toBe(Object.prototype);
  });

  it('an aborted call is logged at warn: the caller asked for it', async () => {
    const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: BASE });
    const logger = recordingLogger();
    const client = createClient(acme, { rateLimit: false, logger });
    await expect(client.get('/v1/items', { signal: AbortSignal.abort() })).rejects.toMatchObject({ kind: 'aborted' });
    expect(levelsOf(logger.lines)).toEqual(['warn acme error']);
  });

  it('provider warnings at warn', async () => {
    const slackish = defineAdapter({
      id: 'slackish',
      displayName: 'Slackish',
      baseUrl: BASE,
      warnings: (body) => (body as { warnings?: string[] }).warnings,
    });
    const t = createScriptedFetch([{ status: 200, body: { ok: true, warnings: ['missing_charset'] } }]);
    const logger = recordingLogger();
    await createClient(slackish, { fetch: t.fetch, rateLimit: false, logger }).get('/chat.postMessage');
    expect(logger.lines.filter((l) => l.level !== 'debug')).toEqual([
      {
        level: 'warn',
        obj: { method: 'GET', url: `${BASE}/chat.postMessage`, warnings: ['missing_charset'] },
        msg: 'slackish warning',
      },
    ]);
  });

  it('limiter waits at info', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    const limited = defineAdapter({
      id: 'limited',
      displayName: 'Limited',
      baseUrl: BASE,
      limits: [{ id: 'all', model: 'sliding-window', limit: 100, windowMs: 60_000, source: 'test' }],
    });
    const t = createScriptedFetch([
      { status: 429, headers: { 'retry-after': '2' } },
      { status: 200, body: {} },
    ]);
    const logger = recordingLogger();
    const client = createClient(limited, { fetch: t.fetch, retry: noWait, logger });
    const first = client.get('/a');
    await vi.advanceTimersByTimeAsync(50);
    const second = client.get('/b');
    await vi.advanceTimersByTimeAsync(2_100);
    await Promise.all([first, second]);
    const waits = logger.lines.filter((l) => l.msg === 'limited rateLimitWait');
    expect(waits.length).toBeGreaterThan(0);
    expect(waits.every((l) => l.level === 'info')).toBe(true);
    expect(waits[0]?.obj).toMatchObject({ bucket: 'all', ms: expect.any(Number), reason: expect.any(String) });
    await client.close();
  });
});

describe('logger: redaction', () => {
  it('a credential in the query, the path or the provider’s echo never appears in anything logged', async () => {
    const queryAuth = defineAdapter({
      id: 'qa',
      displayName: 'Query auth',
      baseUrl: BASE,
      auth: [{ type: 'query', param: 'key' }],
    });
    const t = createScriptedFetch([
      { status: 503, body: { error: `bad key ${KEY}` }, headers: { 'x-echo': KEY } },
      { status: 401, body: { error: `bad key ${KEY} for ${PATH_SECRET}` } },
    ]);
    const logger = recordingLogger();
    const client = createClient(queryAuth, {
      auth: { apiKey: KEY },
      fetch: t.fetch,
      rateLimit: false,
      retry: noWait,
      headers: { authorization: `Bearer ${PATH_SECRET}` },
      logger,
    });
    await expect(
      client.get('/v1/items/{id}', { params: { id: PATH_SECRET }, query: { access_token: PATH_SECRET } }),
    ).rejects.toMatchObject({ kind: 'authentication' });
    // The credential did travel (in the query), so the test would notice a logger that saw nothing.
    expect(t.requests[0]?.url).toContain(KEY);
    expect(levelsOf(logger.lines)).toContain('error qa error');
    expect(logger.lines.length).toBeGreaterThanOrEqual(5);
    const logged = JSON.stringify(logger.lines);
    expect(findLeak({ logged }, [KEY, PATH_SECRET])).toBeUndefined();
  });
});

describe('logger: failure isolation', () => {
  it('a logger that throws does not break the call; it is reported as a process warning', async () => {
    const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: BASE });
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const broken: Logger = {
      debug: () => {
        throw new Error('disk full');
      },
      info: () => {},
      warn: () => {},
      error: () => {},
    };
    const t = createScriptedFetch([{ status: 200, body: { ok: 1 } }]);
    const client = createClient(acme, { fetch: t.fetch, rateLimit: false, logger: broken });
    await expect(client.get('/v1/items')).resolves.toEqual({ ok: 1 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"request" listener threw'), {
      code: 'ROSETTA_LISTENER_ERROR',
    });
  });

  it('console fits as a logger', async () => {
    const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: BASE });
    const debug = vi.spyOn(console, 'debug').mockImplementation(() => {});
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    await createClient(acme, { fetch: t.fetch, rateLimit: false, logger: console }).get('/v1/items');
    expect(debug).toHaveBeenCalledWith(expect.objectContaining({ method: 'GET', attempt: 1 }), 'acme request');
  });
});
