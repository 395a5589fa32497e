// docs/reliability.md 6: whatever goes wrong, no piece of a credential reaches an error or an event.
// Random secrets (see leak-check.ts for why they start with "Zq" and carry a "Z" every few characters)
// are put in every place a credential can live, then every failure path is driven and every surface
// a logger could print is searched for any 6-character window of them, raw or URL-encoded.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineAdapter } from '../../src/adapter/define-adapter';
import { createClient } from '../../src/client/create-client';
import type { ClientEventName } from '../../src/client/events';
import type { ClientOptions, SuccessSchema } from '../../src/client/options';
import { rejectsWithin, settleWithin } from '../faults/settle-within';
import { errorSurfaces, findLeak, payloadSurfaces, secretArbitrary } from './leak-check';

const HOST = 'api.acme.test';
const BASE = `https://${HOST}`;
const EVENTS: readonly ClientEventName[] = ['request', 'response', 'retry', 'error', 'rateLimitWait', 'warning'];
const BOUND_MS = 5_000;

// The generic adapter's four auth schemes, plus a warnings hook so that the `warning` event is driven too.
const acme = defineAdapter({
  id: 'acme',
  displayName: 'Acme',
  baseUrl: BASE,
  auth: [
    { type: 'bearer' },
    { type: 'basic' },
    { type: 'header', header: 'x-api-key' },
    { type: 'query', param: 'api_key' },
  ],
  warnings: (body) => {
    const warnings = (body as { warnings?: unknown } | undefined)?.warnings;
    return Array.isArray(warnings) ? warnings.map(String) : undefined;
  },
});

/** Where the credential lives. `a` is the secret under test; basic auth also uses `b` as the username. */
interface Placement {
  readonly name: string;
  readonly options: (a: string, b: string) => ClientOptions;
  /** Path and query of every call, for credentials carried by the URL. */
  readonly path: (a: string) => string;
  readonly query?: (a: string) => Record<string, string>;
  /** The client cannot even build the request (fetch refuses URLs with credentials). */
  readonly failsBeforeFetch?: boolean;
}

const PLACEMENTS: readonly Placement[] = [
  { name: 'bearer', options: (a) => ({ auth: { token: a } }), path: () => '/v1/things' },
  {
    name: 'bearer refreshed by an async function',
    options: (a) => ({ auth: { token: async () => a } }),
    path: () => '/v1/things',
  },
  {
    name: 'basic',
    options: (a, b) => ({ auth: { scheme: 'basic', username: b, password: a } }),
    path: () => '/v1/things',
  },
  { name: 'api-key header', options: (a) => ({ auth: { scheme: 'header', apiKey: a } }), path: () => '/v1/things' },
  {
    name: 'api-key query parameter',
    options: (a) => ({ auth: { scheme: 'query', apiKey: a } }),
    path: () => '/v1/things',
  },
  {
    name: 'userinfo of the base URL',
    options: (a, b) => ({ baseUrl: `https://${encodeURIComponent(b)}:${encodeURIComponent(a)}@${HOST}` }),
    path: () => '/v1/things',
    failsBeforeFetch: true,
  },
  { name: 'api_key= in the path', options: () => ({}), path: (a) => `/v1/things?api_key=${encodeURIComponent(a)}` },
  {
    name: 'access_token= as a query option',
    options: () => ({}),
    path: () => '/v1/things',
    query: (a) => ({ access_token: a }),
  },
];

/** What the fake provider does with a request. */
type Responder = (request: Request, echo: string) => Response | Promise<Response>;

/** A fetch that answers through `respond`, handing it a text that echoes every credential it received. */
function fakeFetch(respond: Responder, onCall?: () => void): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    onCall?.();
    // What a careless provider echoes: the URL it saw (query credentials included, encoded) and the
    // credential headers, exactly as they came over the wire.
    const echo = [request.url, request.headers.get('authorization'), request.headers.get('x-api-key')]
      .filter((v) => v !== null)
      .join(' ');
    return respond(request, echo);
  }) as typeof fetch;
}

/** A fetch that never answers until its signal aborts. */
const hang: Responder = (request) =>
  new Promise((_resolve, reject) => {
    if (request.signal.aborted) reject(request.signal.reason);
    request.signal.addEventListener('abort', () => reject(request.signal.reason), { once: true });
  });

interface Run {
  readonly errors: unknown[];
  readonly events: Array<{ readonly name: string; readonly payload: unknown }>;
}

/** Creates a client for `placement`, subscribes to every event, runs `drive`, returns what it saw. */
async function run(
  placement: Placement,
  secrets: { a: string; b: string },
  extra: ClientOptions,
  drive: (
    call: (overrides?: { path?: string; signal?: AbortSignal; schema?: SuccessSchema<unknown> }) => Promise<unknown>,
  ) => Promise<unknown[]>,
): Promise<Run> {
  const client = createClient(acme, {
    baseUrl: BASE,
    rateLimit: false,
    // maxRetryAfterMs 0: a server hint fails fast instead of sleeping in real time.
    retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, maxRetryAfterMs: 0, random: () => 0 },
    ...placement.options(secrets.a, secrets.b),
    ...extra,
  });
  const events: Run['events'] = [];
  for (const name of EVENTS) client.on(name, (payload: unknown) => events.push({ name, payload }));
  const call = (overrides: { path?: string; signal?: AbortSignal; schema?: SuccessSchema<unknown> } = {}) =>
    client.request({
      method: 'GET',
      path: overrides.path ?? placement.path(secrets.a),
      ...(placement.query === undefined ? {} : { query: placement.query(secrets.a) }),
      ...(overrides.signal === undefined ? {} : { signal: overrides.signal }),
      ...(overrides.schema === undefined ? {} : { schema: overrides.schema }),
    });
  const errors = await drive(call);
  await client.close();
  return { errors, events };
}

/** Fails with the first leak among the errors and event payloads of `result`. */
function assertNoLeak(result: Run, secrets: { a: string; b: string }): void {
  const all = [secrets.a, secrets.b];
  const basic = Buffer.from(`${secrets.b}:${secrets.a}`).toString('base64');
  for (const [i, error] of result.errors.entries()) {
    const surfaces = errorSurfaces(error);
    const leak = findLeak(surfaces, all);
    expect(leak, `error ${i}`).toBeUndefined();
    for (const text of Object.values(surfaces)) expect(text.includes(basic)).toBe(false);
  }
  for (const { name, payload } of result.events) {
    const texts = payloadSurfaces(payload);
    const leak = findLeak(Object.fromEntries(texts.map((t, i) => [`${name} event (${i})`, t])), all);
    expect(leak).toBeUndefined();
    for (const text of texts) expect(text.includes(basic)).toBe(false);
  }
}

const secretsArb = fc.record({ a: secretArbitrary, b: secretArbitrary });
const placementArb = fc.constantFrom(...PLACEMENTS);
/** Fake timers are not needed: every wait is zero or a few real milliseconds. */
const RUNS = { numRuns: 40 } as const;

/** Awaits `promise` (bounded) and returns the ApiError it rejected with. */
const failure = (promise: Promise<unknown>) => rejectsWithin(promise, BOUND_MS);

describe('secrets never leak (property, FAULTS 6)', () => {
  it('HTTP errors of every kind, with the credential echoed in the body and in response headers', async () => {
    const statuses = [400, 401, 402, 403, 404, 405, 409, 410, 422, 429, 500, 502, 503, 504, 520, 200];
    const bodyKinds = [
      'json-message',
      'json-nested',
      'json-field-errors',
      'json-secret-keys',
      'text',
      'html',
      'slack-200',
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        secretsArb,
        placementArb,
        fc.constantFrom(...statuses),
        fc.constantFrom(...bodyKinds),
        // Padding moves the echo across every length limit: 200 (snippets), 300 (message), 500 (body
        // messages), 8 KiB (kept body), so a cut through the middle of a secret is exercised.
        fc.constantFrom(0, 150, 190, 195, 270, 290, 295, 480, 490, 495, 8_150, 8_180, 8_185),
        fc.integer({ min: 0, max: 8 }),
        async (secrets, placement, status, bodyKind, pad, shift) => {
          const padding = 'x'.repeat(pad + shift);
          const respond: Responder = (_request, echo) => {
            const said = `invalid key ${secrets.a} (${echo})`;
            const headers: Record<string, string> = {
              'www-authenticate': `Bearer realm="acme", error="invalid_token", error_description="bad token ${secrets.a}"`,
              'x-echo-credential': echo,
              'x-request-id': secrets.a,
              'x-ratelimit-resource': secrets.a,
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': '1',
            };
            const json = (value: unknown) =>
              new Response(JSON.stringify(value), {
                status,
                headers: { ...headers, 'content-type': 'application/json' },
              });
            switch (bodyKind) {
              case 'json-message':
                return json({ message: `${padding}${said}`, code: secrets.a });
              case 'json-nested':
                return json({
                  error: { type: 'invalid_request_error', message: `${padding}${said}`, param: secrets.a },
                });
              case 'json-field-errors':
                return json({ errors: [{ field: secrets.a, message: `${padding}${said}`, code: secrets.a }] });
              case 'json-secret-keys':
                return json({ token: secrets.a, api_key: secrets.a, detail: { [secrets.a]: said }, warnings: [said] });
              case 'text':
                return new Response(`${padding}${said}`, {
                  status,
                  headers: { ...headers, 'content-type': 'text/plain' },
                });
              case 'html':
                return new Response(
                  `<html><head><title>${padding}${said}</title></head><body><h1>${said}</h1></body></html>`,
                  {
                    status,
                    headers: { ...headers, 'content-type': 'text/html' },
                  },
                );
              case 'slack-200':
                return json({ ok: false, error: secrets.a, warnings: [`${padding}${said}`] });
            }
          };
          const result = await run(placement, secrets, { fetch: fakeFetch(respond) }, async (call) => {
            const outcome = await call().then(
              () => undefined,
              (error: unknown) => error,
            );
            return outcome === undefined ? [] : [outcome];
          });
          if (!placement.failsBeforeFetch && status >= 400) expect(result.errors).toHaveLength(1);
          assertNoLeak(result, secrets);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('network errors, whose messages may carry the URL', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretsArb,
        placementArb,
        fc.constantFrom('ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND'),
        async (secrets, placement, code) => {
          const respond: Responder = (request, echo) => {
            const cause = Object.assign(new Error(`${code} while sending ${request.url} (${echo}) with ${secrets.a}`), {
              code,
            });
            throw new TypeError('fetch failed', { cause });
          };
          const result = await run(placement, secrets, { fetch: fakeFetch(respond) }, async (call) => [
            await failure(call()),
          ]);
          if (!placement.failsBeforeFetch) expect(result.errors[0]).toMatchObject({ kind: 'network' });
          assertNoLeak(result, secrets);
        },
      ),
      RUNS,
    );
  });

  it('per-attempt timeouts', async () => {
    await fc.assert(
      fc.asyncProperty(secretsArb, placementArb, async (secrets, placement) => {
        const result = await run(
          placement,
          secrets,
          { fetch: fakeFetch(hang), timeoutMs: 2, retry: false },
          async (call) => [await failure(call())],
        );
        if (!placement.failsBeforeFetch)
          expect(result.errors[0]).toMatchObject({ kind: 'timeout', code: 'attempt_timeout' });
        assertNoLeak(result, secrets);
      }),
      { numRuns: 25 },
    );
  });

  it('aborts by the caller, even with a reason that names the secret', async () => {
    await fc.assert(
      fc.asyncProperty(secretsArb, placementArb, async (secrets, placement) => {
        const controller = new AbortController();
        const fetch = fakeFetch(hang, () =>
          queueMicrotask(() => controller.abort(new Error(`gave up on ${secrets.a}`))),
        );
        const result = await run(placement, secrets, { fetch }, async (call) => [
          await failure(call({ signal: controller.signal })),
        ]);
        if (!placement.failsBeforeFetch) expect(result.errors[0]).toMatchObject({ kind: 'aborted' });
        assertNoLeak(result, secrets);
      }),
      RUNS,
    );
  });

  it('refused redirects: another origin, a downgrade to http, another scheme, user info', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretsArb,
        placementArb,
        fc.constantFrom(301, 302, 303, 307, 308),
        fc.constantFrom('other-origin', 'downgrade', 'scheme', 'userinfo'),
        async (secrets, placement, status, target) => {
          const s = encodeURIComponent(secrets.a);
          const location = {
            'other-origin': `https://evil.test/steal?api_key=${s}&token=${s}`,
            downgrade: `http://${HOST}/v1/things?access_token=${s}`,
            scheme: `ftp://${HOST}/${s}`,
            userinfo: `https://${encodeURIComponent(secrets.b)}:${s}@${HOST}/v1/things`,
          }[target];
          const respond: Responder = () => new Response(null, { status, headers: { location } });
          const result = await run(placement, secrets, { fetch: fakeFetch(respond) }, async (call) => [
            await failure(call()),
          ]);
          if (!placement.failsBeforeFetch)
            expect(result.errors[0]).toMatchObject({ kind: 'invalid_response', code: 'redirect_refused' });
          assertNoLeak(result, secrets);
        },
      ),
      RUNS,
    );
  });

  it('schema failures whose issues quote the offending value', async () => {
    // Like valibot, the schema quotes what it received with JSON.stringify.
    const schema: SuccessSchema<{ id: number }> = {
      '~standard': {
        validate: (value) => ({
          issues: [
            { message: `Expected number but received ${JSON.stringify((value as { id?: unknown }).id)}`, path: ['id'] },
            { message: 'unexpected key', path: [{ key: String((value as { id?: unknown }).id) }] },
          ],
        }),
      },
    };
    await fc.assert(
      fc.asyncProperty(secretsArb, placementArb, async (secrets, placement) => {
        const respond: Responder = (_request, echo) =>
          new Response(JSON.stringify({ id: secrets.a, seen: echo, warnings: [`token ${secrets.a}`] }), {
            status: 200,
            headers: { 'content-type': 'application/json', 'x-request-id': secrets.a },
          });
        const result = await run(placement, secrets, { fetch: fakeFetch(respond) }, async (call) => [
          await failure(call({ schema: schema as SuccessSchema<unknown> })),
        ]);
        if (!placement.failsBeforeFetch)
          expect(result.errors[0]).toMatchObject({ kind: 'invalid_response', code: 'schema_mismatch' });
        assertNoLeak(result, secrets);
      }),
      RUNS,
    );
  });

  it('limiter rejections: a full queue, and queued and running calls of a closed client', async () => {
    await fc.assert(
      fc.asyncProperty(secretsArb, placementArb, async (secrets, placement) => {
        let started!: () => void;
        const firstStarted = new Promise<void>((resolve) => {
          started = resolve;
        });
        // maxQueued 1, not 0: the limiter counts a call that has not started yet as queued, so with 0 it
        // refuses even a call that finds a free slot (reported to the limiter's owner).
        const options: ClientOptions = {
          fetch: fakeFetch(hang, () => started()),
          rateLimit: {
            extra: [{ id: 'concurrency', model: 'concurrency', maxInFlight: 1, source: 'test' }],
            maxQueued: 1,
          },
        };
        const result = await run(placement, secrets, options, async (call) => {
          // The running and the queued call settle only when run() closes the client.
          const running = call();
          running.catch(() => undefined);
          if (placement.failsBeforeFetch) return [await failure(running)];
          await settleWithin(firstStarted, BOUND_MS);
          const queued = call();
          queued.catch(() => undefined);
          const rejected = await failure(call());
          expect(rejected).toMatchObject({ kind: 'rate_limited', code: 'queue_full' });
          return [rejected, running, queued];
        });
        const errors: unknown[] = [result.errors[0]];
        for (const pending of result.errors.slice(1)) {
          const error = await failure(pending as Promise<unknown>);
          expect(error).toMatchObject({ kind: 'aborted', code: 'client_closed' });
          errors.push(error);
        }
        assertNoLeak({ ...result, errors }, secrets);
      }),
      { numRuns: 25 },
    );
  });

  it('invalid paths, which carry the secret themselves', async () => {
    await fc.assert(
      fc.asyncProperty(
        secretsArb,
        placementArb,
        fc.constantFrom('absolute', 'protocol-relative', 'backslash', 'control'),
        async (secrets, placement, shape) => {
          const s = encodeURIComponent(secrets.a);
          const path = {
            absolute: `https://evil.test/x?api_key=${s}`,
            'protocol-relative': `//evil.test/x?access_token=${s}`,
            backslash: `/\\evil.test/x?token=${s}`,
            control: `/v1/x\r\n?access_token=${s}`,
          }[shape];
          let sent = 0;
          const respond: Responder = () => {
            sent += 1;
            return new Response('{}', { status: 200 });
          };
          const result = await run(placement, secrets, { fetch: fakeFetch(respond) }, async (call) => [
            await failure(call({ path })),
          ]);
          expect(result.errors[0]).toMatchObject({ kind: 'validation', code: 'invalid_path' });
          expect(sent).toBe(0);
          assertNoLeak(result, secrets);
        },
      ),
      RUNS,
    );
  });
});
