import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient, genericAdapter } from '@rosetta/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type AdapterFixture,
  loadFixtures,
  parseSimulatorArgs,
  type SimulatedProvider,
  type Simulator,
  startSimulator,
} from '../src/index';

// Real recorded fixtures, read as data: the testkit never imports an adapter package.
const fixturesOf = (id: string): AdapterFixture[] =>
  loadFixtures(new URL(`../../adapters/${id}/test/fixtures`, import.meta.url));
const github = fixturesOf('github');
const slack = fixturesOf('slack');
const stripe = fixturesOf('stripe');
const byName = (fixtures: readonly AdapterFixture[], name: string): AdapterFixture => {
  const fixture = fixtures.find((f) => f.name === name);
  if (fixture === undefined) throw new Error(`no fixture ${name}`);
  return fixture;
};

// Whole second, then 250 ms into it: windows of 1 000 ms end at T0 + 750.
const T0 = Date.parse('2030-01-01T00:00:00.250Z');

let sim: Simulator | undefined;
async function start(providers: SimulatedProvider[]): Promise<Simulator> {
  sim = await startSimulator({ providers });
  return sim;
}
afterEach(async () => {
  await sim?.close();
  sim = undefined;
  vi.useRealTimers();
});

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}
async function call(url: string, init: RequestInit & { simulate?: string } = {}): Promise<Answer> {
  const sent = new Headers(init.headers);
  if (init.simulate !== undefined) sent.set('x-rosetta-simulate', init.simulate);
  const res = await fetch(url, { ...init, headers: sent });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    // HTML and other text stay strings.
  }
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    headers[name] = value;
  });
  return { status: res.status, headers, body };
}

describe('fixture selection', () => {
  it('answers the fixture named by x-rosetta-simulate: status, headers and body', async () => {
    const s = await start([{ id: 'slack', fixtures: slack }]);
    const fixture = byName(slack, 'channel-not-found');
    const res = await call(`${s.urlFor('slack')}/chat.postMessage`, { method: 'POST', simulate: 'channel-not-found' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(fixture.response.body);
    expect(res.headers['x-slack-req-id']).toBe('fake-req-chan-0001');
  });

  it("drops a recording's framing headers: the stored body is re-serialized, so its length and encoding differ", async () => {
    const recorded: AdapterFixture = {
      name: 'recorded-422',
      source: 'a made-up recording: only its framing headers matter here',
      request: { method: 'GET', path: '/things' },
      response: {
        status: 422,
        // As captured: the wire body was gzipped and 97 bytes long; the fixture holds it parsed.
        headers: {
          'Content-Type': 'application/json',
          'Content-Length': '97',
          'Content-Encoding': 'gzip',
          'Transfer-Encoding': 'chunked',
          'X-Request-Id': 'req_1',
        },
        body: { message: 'Validation Failed', errors: [{ resource: 'Label', code: 'invalid' }] },
      },
      expected: { kind: 'validation', retryable: false },
    };
    const s = await start([{ id: 'recorded', fixtures: [recorded] }]);
    const res = await call(`${s.urlFor('recorded')}/things`, { simulate: 'recorded-422' });
    expect(res.status).toBe(422);
    expect(res.body).toEqual(recorded.response.body);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['x-request-id']).toBe('req_1');
  });

  it('answers a bodiless fixture without a body and an HTML fixture as text', async () => {
    const s = await start([
      { id: 'stripe', fixtures: stripe },
      { id: 'github', fixtures: github },
    ]);
    const empty = await call(`${s.urlFor('stripe')}/v1/balance`, { simulate: 'unavailable-503' });
    expect(empty).toMatchObject({ status: 503, body: undefined });
    const html = await call(`${s.urlFor('github')}/repos/o/r/commits`, { simulate: 'rest-bad-gateway-html' });
    expect(html.status).toBe(502);
    expect(html.headers['content-type']).toBe('text/html');
    expect(html.body).toEqual(byName(github, 'rest-bad-gateway-html').response.body);
  });

  it('refuses an unknown fixture name with a simulator error listing the names', async () => {
    const s = await start([{ id: 'slack', fixtures: slack }]);
    const res = await call(`${s.urlFor('slack')}/chat.postMessage`, { simulate: 'no-such-fixture' });
    expect(res.status).toBe(400);
    expect(res.headers['x-rosetta-simulator-error']).toBe('true');
    expect((res.body as { fixtures: string[] }).fixtures).toContain('channel-not-found');
  });

  it('without the header, picks the success fixture of the same method and path, ids matched loosely', async () => {
    const s = await start([{ id: 'stripe', fixtures: stripe }]);
    const exact = await call(`${s.urlFor('stripe')}/v1/customers/cus_FAKE0001`);
    expect(exact.body).toEqual(byName(stripe, 'success-customer-retrieve').response.body);
    const loose = await call(`${s.urlFor('stripe')}/v1/customers/cus_Other42`);
    expect(loose.body).toEqual(byName(stripe, 'success-customer-retrieve').response.body);
    const deleted = await call(`${s.urlFor('stripe')}/v1/customers/cus_Other42`, { method: 'DELETE' });
    expect(deleted.body).toEqual(byName(stripe, 'success-delete').response.body);
  });

  it('falls back to an empty success shaped like the provider (Slack keeps ok: true, lists become [])', async () => {
    const list: AdapterFixture = {
      name: 'list',
      source: 'test',
      request: { method: 'GET', path: '/items' },
      response: { status: 200, body: [{ id: 1 }] },
      expected: null,
    };
    const s = await start([
      { id: 'slack', fixtures: slack },
      { id: 'acme', fixtures: [list] },
    ]);
    const unknownMethod = await call(`${s.urlFor('slack')}/bots.info`);
    expect(unknownMethod).toMatchObject({ status: 200, body: { ok: true } });
    const unknownPath = await call(`${s.urlFor('acme')}/other`);
    expect(unknownPath).toMatchObject({ status: 200, body: [] });
  });

  it('answers 404 for a path outside every provider, and urlFor refuses unknown ids', async () => {
    const s = await start([{ id: 'slack', fixtures: slack }]);
    const res = await call(`${s.origin}/nope/x`);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: 'simulator', providers: ['slack'] });
    expect(() => s.urlFor('nope')).toThrow(/no simulated provider "nope"/);
  });

  it('rejects invalid and duplicate provider ids', async () => {
    await expect(startSimulator({ providers: [{ id: 'Git Hub', fixtures: [] }] })).rejects.toThrow(/lower-case/);
    await expect(
      startSimulator({
        providers: [
          { id: 'a', fixtures: [] },
          { id: 'a', fixtures: [] },
        ],
      }),
    ).rejects.toThrow(/twice/);
  });
});

describe('re-based time headers', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });

  it('moves x-ratelimit-reset (epoch seconds) so it stays as far ahead of now as in the fixture', async () => {
    const s = await start([{ id: 'github', fixtures: github }]);
    const fixture = byName(github, 'rest-primary-rate-limit-403');
    const recorded = Number(fixture.response.headers?.['x-ratelimit-reset']) * 1000 - Date.parse(fixture.now ?? '');
    expect(recorded).toBe(600_000);
    const res = await call(`${s.urlFor('github')}/users/octocat`, { simulate: fixture.name });
    expect(res.status).toBe(403);
    expect(res.headers['x-ratelimit-reset']).toBe(String(Math.ceil((T0 + 600_000) / 1000)));
    expect(res.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('takes a fixture without its own time to reset one window (or a minute) from now', async () => {
    const s = await start([
      { id: 'github', fixtures: github, rateLimit: { style: 'github', limit: 10, windowMs: 5_000 } },
    ]);
    const res = await call(`${s.urlFor('github')}/repos/octocat/private-repo`, { simulate: 'rest-not-found' });
    expect(res.status).toBe(404);
    // The named fixture's own headers win over the simulated state, re-based by the window length.
    expect(res.headers['x-ratelimit-remaining']).toBe('4998');
    expect(res.headers['x-ratelimit-reset']).toBe(String(Math.ceil((T0 + 5_000) / 1000)));
  });

  it('moves an HTTP-date Retry-After and an ISO reset, and leaves relative values alone', async () => {
    const fixture: AdapterFixture = {
      name: 'dated',
      source: 'test',
      request: { method: 'GET', path: '/x' },
      now: '2024-05-01T12:00:00.000Z',
      response: {
        status: 429,
        headers: {
          'retry-after': 'Wed, 01 May 2024 12:00:30 GMT',
          'x-ratelimit-reset': '2024-05-01T12:01:00.000Z',
          'ratelimit-reset': '15',
        },
      },
      expected: { kind: 'rate_limited', retryable: true },
    };
    const s = await start([{ id: 'acme', fixtures: [fixture] }]);
    const res = await call(`${s.urlFor('acme')}/x`, { simulate: 'dated' });
    expect(Date.parse(res.headers['retry-after'] ?? '')).toBe(Math.ceil((T0 + 30_000) / 1000) * 1000);
    expect(res.headers['x-ratelimit-reset']).toBe(new Date(T0 + 60_000).toISOString());
    expect(res.headers['ratelimit-reset']).toBe('15');
  });
});

describe('rate limiting in each provider style', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
  });

  it('github: x-ratelimit-* on every answer, then 403 with remaining 0 and the primary-limit body', async () => {
    const s = await start([
      { id: 'github', fixtures: github, rateLimit: { style: 'github', limit: 2, windowMs: 1_000 } },
    ]);
    const url = `${s.urlFor('github')}/repos/octocat/hello-world`;
    const reset = String(Math.ceil((T0 + 750) / 1000));
    const first = await call(url);
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '2',
      'x-ratelimit-remaining': '1',
      'x-ratelimit-used': '1',
      'x-ratelimit-reset': reset,
      'x-ratelimit-resource': 'core',
    });
    expect((await call(url)).headers['x-ratelimit-remaining']).toBe('0');
    const limited = await call(url);
    expect(limited.status).toBe(403);
    expect(limited.headers).toMatchObject({ 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
    expect(limited.headers['retry-after']).toBeUndefined();
    expect(limited.body).toEqual(byName(github, 'rest-primary-rate-limit-403').response.body);
    // A named fixture is refused too while the window is spent: the provider throttles first.
    expect((await call(url, { simulate: 'rest-not-found' })).status).toBe(403);

    vi.setSystemTime(T0 + 750);
    const next = await call(url);
    expect(next.status).toBe(200);
    expect(next.headers['x-ratelimit-remaining']).toBe('1');
    expect(s.stats('github')).toEqual({
      requests: 5,
      byStatus: { 200: 3, 403: 2 },
      rateLimited: 2,
      refusedBy: { github: 2 },
      resets: 0,
    });
  });

  it('slack: no rate headers, then 429 with Retry-After seconds and { ok: false, error: "ratelimited" }', async () => {
    const s = await start([{ id: 'slack', fixtures: slack, rateLimit: { style: 'slack', limit: 1, windowMs: 3_000 } }]);
    const url = `${s.urlFor('slack')}/conversations.list`;
    const ok = await call(url);
    expect(ok.status).toBe(200);
    expect(Object.keys(ok.headers).filter((h) => h.startsWith('x-ratelimit') || h === 'retry-after')).toEqual([]);
    const limited = await call(url);
    expect(limited.status).toBe(429);
    // The window [T0 - 250, T0 + 2 750) ends 2.75 s from now: Retry-After rounds up.
    expect(limited.headers['retry-after']).toBe('3');
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    // Headers of one of the provider's own 429 fixtures ride along.
    const recorded429s = slack
      .filter((f) => f.response.status === 429)
      .map((f) => (f.response.headers as Record<string, string>)['x-slack-req-id']);
    expect(recorded429s).toContain(limited.headers['x-slack-req-id']);
  });

  it('stripe: 429 with its rate_limit error body and no hint at all', async () => {
    const s = await start([
      { id: 'stripe', fixtures: stripe, rateLimit: { style: 'stripe', limit: 1, windowMs: 1_000 } },
    ]);
    const url = `${s.urlFor('stripe')}/v1/customers/cus_1`;
    expect((await call(url)).status).toBe(200);
    const limited = await call(url);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual(byName(stripe, 'rate-limited-429').response.body);
    expect(limited.headers['retry-after']).toBeUndefined();
    expect(limited.headers['x-ratelimit-remaining']).toBeUndefined();
  });

  it('generic: x-ratelimit-* (seconds until reset) and 429 with retry-after, which core reads', async () => {
    const s = await start([{ id: 'acme', fixtures: [], rateLimit: { style: 'generic', limit: 1, windowMs: 2_000 } }]);
    const url = `${s.urlFor('acme')}/things`;
    const ok = await call(url);
    expect(ok.headers).toMatchObject({
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '2',
    });
    const limited = await call(url);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('2');

    const client = createClient(genericAdapter, { baseUrl: s.urlFor('acme'), retry: false, rateLimit: false });
    await expect(client.get('/things')).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 2_000 });
    await client.close();
  });
});

describe('scenarios', () => {
  it('outage: 503 with the provider’s own body until it ends, then normal service', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const s = await start([{ id: 'github', fixtures: github }]);
    s.setScenario('github', { outage: { status: 503, forMs: 1_000 } });
    const url = `${s.urlFor('github')}/repos/octocat/hello-world/issues`;
    const down = await call(url, { simulate: 'rest-success-list-with-link' });
    expect(down.status).toBe(503);
    expect(down.body).toEqual(byName(github, 'rest-service-unavailable').response.body);
    vi.setSystemTime(T0 + 999);
    expect((await call(url)).status).toBe(503);
    vi.setSystemTime(T0 + 1_000);
    expect((await call(url)).status).toBe(200);
  });

  it('outage given at start with untilMs, and 502 falls back to a load balancer page', async () => {
    const s = await start([
      { id: 'acme', fixtures: [], scenario: { outage: { status: 502, untilMs: Date.now() + 60_000 } } },
    ]);
    const res = await call(`${s.urlFor('acme')}/x`);
    expect(res.status).toBe(502);
    expect(res.body).toContain('502 Bad Gateway');
  });

  it('flaky: the same seed fails the same requests, with 500, 502 and resets', async () => {
    const s = await start([{ id: 'acme', fixtures: [] }]);
    const run = async (seed: number): Promise<string[]> => {
      s.setScenario('acme', { flaky: { rate: 0.5, seed } });
      const outcomes: string[] = [];
      for (let i = 0; i < 40; i++) {
        // A fresh connection per request: a reset must not take the next request down with it.
        const outcome = await call(`${s.urlFor('acme')}/x`, { headers: { connection: 'close' } }).then(
          (res) => String(res.status),
          () => 'reset',
        );
        outcomes.push(outcome);
      }
      return outcomes;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['200', '500', '502', 'reset']));
    const failures = first.filter((o) => o !== '200').length;
    expect(failures).toBeGreaterThan(8);
    expect(failures).toBeLessThan(32);
    expect(s.stats('acme').resets).toBeGreaterThan(0);
  });

  it('slow: answers are held back (a client timeout shorter than the delay fires)', async () => {
    const s = await start([{ id: 'acme', fixtures: [], scenario: { slow: { delayMs: 2_000 } } }]);
    const error = await fetch(`${s.urlFor('acme')}/x`, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    s.setScenario('acme', {});
    expect((await call(`${s.urlFor('acme')}/x`)).status).toBe(200);
  });

  it('refuses an invalid scenario', async () => {
    const s = await start([{ id: 'acme', fixtures: [] }]);
    expect(() => s.setScenario('acme', { flaky: { rate: 2 } })).toThrow(/rate/);
    expect(() => s.setScenario('acme', { outage: { status: 500 as 503 } })).toThrow(/502 or 503/);
  });
});

describe('admin routes', () => {
  it('POST /__simulator/scenario sets a scenario; GET /__simulator/stats reports counters', async () => {
    const s = await start([{ id: 'slack', fixtures: slack }]);
    const set = await call(`${s.origin}/__simulator/scenario`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'slack', scenario: { outage: { status: 503 } } }),
    });
    expect(set).toMatchObject({ status: 200, body: { ok: true, provider: 'slack' } });
    const down = await call(`${s.urlFor('slack')}/conversations.list`);
    expect(down.status).toBe(503);
    expect(down.body).toEqual(byName(slack, 'server-error-html-503').response.body);

    await call(`${s.origin}/__simulator/scenario`, {
      method: 'POST',
      body: JSON.stringify({ provider: 'slack', scenario: {} }),
    });
    expect((await call(`${s.urlFor('slack')}/conversations.list`)).status).toBe(200);

    const stats = await call(`${s.origin}/__simulator/stats?provider=slack`);
    expect(stats.body).toEqual({ requests: 2, byStatus: { 200: 1, 503: 1 }, rateLimited: 0, refusedBy: {}, resets: 0 });
  });

  it('answers 400 for a bad scenario or provider, 404 for an unknown admin route', async () => {
    const s = await start([{ id: 'slack', fixtures: slack }]);
    const post = (body: string): Promise<Answer> => call(`${s.origin}/__simulator/scenario`, { method: 'POST', body });
    expect((await post('{"provider":"slack","scenario":{"slow":{"delayMs":-1}}}')).status).toBe(400);
    expect((await post('{"provider":"nope","scenario":{}}')).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await call(`${s.origin}/__simulator/nothing`)).status).toBe(404);
  });
});

describe('close', () => {
  it('destroys open sockets (a request in flight fails) and stops listening', async () => {
    const s = await startSimulator({
      providers: [{ id: 'acme', fixtures: [], scenario: { slow: { delayMs: 60_000 } } }],
    });
    const inFlight = fetch(`${s.urlFor('acme')}/x`).catch((e: unknown) => e);
    await vi.waitFor(() => expect(s.stats('acme').requests).toBe(1));
    await s.close();
    expect(await inFlight).toBeInstanceOf(TypeError);
    const after = await fetch(`${s.origin}/acme/x`).catch((e: unknown) => e);
    expect((after as TypeError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });
});

describe('command line', () => {
  it('parses providers, rate limits with or without a style, port and host', () => {
    expect(
      parseSimulatorArgs([
        '--port',
        '0',
        '--fixtures',
        'github=fx/gh',
        '--fixtures',
        'acme=fx/acme',
        '--rate-limit',
        'github=100/1000',
        '--rate-limit',
        'acme=slack:5/2000',
      ]),
    ).toEqual({
      port: 0,
      host: '127.0.0.1',
      help: false,
      providers: [
        { id: 'github', fixturesDir: 'fx/gh', rateLimit: { style: 'github', limit: 100, windowMs: 1000 } },
        { id: 'acme', fixturesDir: 'fx/acme', rateLimit: { style: 'slack', limit: 5, windowMs: 2000 } },
      ],
      rateLimits: {},
    });
    // No --fixtures: serve what is installed; the limits wait for those adapters to be found.
    expect(parseSimulatorArgs(['--port', '0', '--rate-limit', 'stripe=25/1000'])).toEqual({
      port: 0,
      host: '127.0.0.1',
      help: false,
      providers: [],
      rateLimits: { stripe: { style: 'stripe', limit: 25, windowMs: 1000 } },
    });
    expect(parseSimulatorArgs([])).toMatchObject({ port: 4010, providers: [], rateLimits: {} });
    expect(() => parseSimulatorArgs(['--fixtures', 'a=x', '--rate-limit', 'b=1/1'])).toThrow(/no --fixtures b/);
    expect(() => parseSimulatorArgs(['--fixtures', 'a=x', '--rate-limit', 'a=fast'])).toThrow(/expected/);
    expect(() => parseSimulatorArgs(['--fixtures', 'a=x', '--port', '99999'])).toThrow(/--port/);
  });

  it('rosetta-simulator serves fixtures from a directory until stopped', async () => {
    const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const dir = fileURLToPath(new URL('../../adapters/slack/test/fixtures', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--conditions=source', '--import', 'tsx', cli, '--port', '0', '--fixtures', `slack=${dir}`],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /^slack\s+(http:\/\/\S+)/m.exec(out);
          if (match?.[1] !== undefined) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
      });
      const res = await call(`${url}/chat.postMessage`, { method: 'POST', simulate: 'missing-scope' });
      expect(res.body).toMatchObject({ ok: false, error: 'missing_scope' });
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });
});
