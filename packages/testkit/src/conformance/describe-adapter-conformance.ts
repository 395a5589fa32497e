import {
  type Adapter,
  type ApiError,
  type AuthOptions,
  type AuthScheme,
  type ClientEventName,
  type ClientOptions,
  createClient,
  type HttpMethod,
  isApiError,
  normalizeResponse,
} from '@rosetta/core';
import fc from 'fast-check';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createScriptedFetch, type ScriptedFetch } from '../scripted-fetch';
import { readingProblems } from './check-reading';
import { errorSurfaces, valueSurfaces } from './error-surfaces';
import { expectedAttempts, generatesIdempotencyKey } from './expected-attempts';
import type { AdapterFixture } from './fixture';
import { missingFixtureCategories, REQUIRED_FIXTURE_CATEGORIES } from './fixture-coverage';
import { responseArbitrary } from './response-arbitrary';
import { findSecretLeaks, randomSecret } from './secret-leaks';

/** Retry settings of the attempt-count check. Backoff is always 0, so only server waits are waited for. */
export interface ConformanceRetryOptions {
  /**
   * Retries after the first attempt.
   * @default 2
   */
  readonly maxRetries?: number;
  /**
   * Longest server wait (Retry-After, a reset header) the client sleeps for; a longer one must fail fast.
   * @default 3_600_000
   */
  readonly maxRetryAfterMs?: number;
}

/** Options of {@link describeAdapterConformance}. */
export interface AdapterConformanceOptions {
  /** The adapter's cited fixtures, usually `loadFixtures(new URL('./fixtures', import.meta.url))`. */
  readonly fixtures: readonly AdapterFixture[];
  /**
   * Credentials the HTTP check's clients send, and the template of the leak check: that check puts a
   * random secret in each credential field set here and tries every auth scheme the adapter declares.
   * @default none for the HTTP check; `apiKey`, `token`, `username` and `password` for the leak check
   * @example { username: 'u', password: 'p' }
   */
  readonly credentials?: AuthOptions;
  /** Retry settings of the attempt-count check. */
  readonly retry?: ConformanceRetryOptions;
  /**
   * Runs of the `normalizeResponse` property.
   * @default 300
   */
  readonly numRuns?: number;
}

type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

// A Record, so that a new client event fails to compile here until the leak check listens to it.
const EVENTS: Readonly<Record<ClientEventName, true>> = {
  request: true,
  response: true,
  retry: true,
  error: true,
  rateLimitWait: true,
  warning: true,
};
const CREDENTIAL_FIELDS = ['apiKey', 'token', 'username', 'password'] as const;
const SETTLE_SLACK_MS = 1_000;

/**
 * Registers the adapter conformance suite in the current vitest file:
 *
 * 1. `normalizeResponse` reads every fixture as its `expected` says (`now` pins the clock);
 * 2. a real client over HTTP (nock, no retries, no limiter) throws the same `ApiError`, or resolves;
 * 3. with a scripted transport and fake timers, the client makes exactly as many attempts as the
 *    retry rule allows, for the fixture's method, a GET and a POST without a caller's idempotency key;
 * 4. no fragment of a random credential, sent in every declared auth scheme, shows in the error's
 *    message, stack, JSON, `util.inspect`, problem details, the success meta or any event payload;
 * 5. `normalizeResponse` never throws on random statuses, headers and bodies, and always returns
 *    `null` or a sound `ApiError`;
 * 6. the fixtures cover success, authentication, permission, not_found, validation, rate_limited and
 *    server or unavailable.
 *
 * @example
 * // packages/adapters/acme/test/conformance.test.ts
 * describeAdapterConformance(acme, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
 */
export function describeAdapterConformance(adapter: Adapter, options: AdapterConformanceOptions): void {
  const { fixtures } = options;
  const maxRetries = options.retry?.maxRetries ?? 2;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 3_600_000;
  // Long enough for every allowed server wait, so the deadline never cuts the retries short.
  const deadlineMs = (maxRetries + 1) * (maxRetryAfterMs + SETTLE_SLACK_MS) + 60_000;
  const numRuns = options.numRuns ?? 300;
  const origin = `https://${adapter.id}.conformance.test`;
  // The adapter's base path (Slack's `/api`) is kept: classifiers may route on the URL path.
  const baseUrl = `${origin}${new URL(adapter.baseUrl).pathname.replace(/\/+$/, '')}`;
  const target = (fixture: AdapterFixture): URL => new URL(`${baseUrl}${fixture.request.path}`);
  const onTheWire = (fixture: AdapterFixture): string => {
    const url = target(fixture);
    return `${url.pathname}${url.search}`;
  };
  const read = (fixture: AdapterFixture, method: string): ApiError | null =>
    normalizeResponse(adapter, { ...fixture.response, method, url: `${adapter.baseUrl}${fixture.request.path}` });

  const useFakeClock = (fixture: AdapterFixture): void => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
      now: fixture.now === undefined ? Date.now() : Date.parse(fixture.now),
    });
  };

  /** Starts a call, advances the fake clock by `waitMs`, and fails if the call is still pending. */
  const settle = async <T>(call: Promise<T>, waitMs: number, script: ScriptedFetch): Promise<Outcome<T>> => {
    let outcome: Outcome<T> | undefined;
    const done = call.then(
      (value) => {
        outcome = { ok: true, value };
      },
      (error: unknown) => {
        outcome = { ok: false, error };
      },
    );
    await vi.advanceTimersByTimeAsync(waitMs);
    if (outcome === undefined) {
      throw new Error(
        `the call was still pending after ${waitMs} ms of fake time; attempts so far: ${JSON.stringify(script.log)}`,
      );
    }
    await done;
    return outcome;
  };

  describe(`${adapter.displayName} (${adapter.id}) adapter conformance`, () => {
    afterEach(() => {
      nock.cleanAll();
      vi.useRealTimers();
    });

    describe('normalizeResponse reads every fixture as expected', () => {
      for (const fixture of fixtures) {
        it(fixture.name, () => {
          if (fixture.now !== undefined) vi.setSystemTime(new Date(fixture.now));
          expectFixtureReading(adapter, fixture, read(fixture, fixture.request.method));
        });
      }
    });

    describe('a client over HTTP (nock, retry and rate limit off) gives the same outcome', () => {
      for (const fixture of fixtures) {
        it(fixture.name, async () => {
          if (fixture.now !== undefined) vi.setSystemTime(new Date(fixture.now));
          const url = target(fixture);
          const { status, headers, body } = wireResponse(fixture);
          const seen: string[] = [];
          const scope = nock(origin)
            .intercept((uri) => uri.split('?')[0] === url.pathname, fixture.request.method)
            .reply((uri) => {
              seen.push(uri);
              return [status, body, headers];
            });
          const client = createClient(adapter, {
            baseUrl,
            retry: false,
            rateLimit: false,
            ...(options.credentials === undefined ? {} : { auth: options.credentials }),
          });
          const outcome = await client.request({ method: asMethod(fixture.request.method), path: fixture.request.path }).then(
            (value): Outcome<unknown> => ({ ok: true, value }),
            (error: unknown): Outcome<unknown> => ({ ok: false, error }),
          );
          await client.close();
          expect(scope.isDone(), 'the request reached the (nock) server').toBe(true);
          expect(seen).toHaveLength(1);
          expect(seen[0]?.startsWith(onTheWire(fixture)), `${seen[0]} is ${onTheWire(fixture)}`).toBe(true);
          if (fixture.expected === null) {
            expect(outcome.ok ? 'resolved' : errorSummary(outcome.error)).toBe('resolved');
            const sent = fixture.response.body;
            if (outcome.ok && typeof sent === 'object' && sent !== null) expect(outcome.value).toEqual(sent);
            return;
          }
          expect(outcome.ok, 'the call rejects').toBe(false);
          const error = outcome.ok ? null : outcome.error;
          expectFixtureReading(adapter, fixture, error);
          expect(error).toMatchObject({ attempts: 1, request: { method: fixture.request.method } });
        });
      }
    });

    describe(`retries: exact attempts (maxRetries ${maxRetries}, scripted fetch, fake timers)`, () => {
      for (const fixture of fixtures) {
        it(fixture.name, async () => {
          for (const method of [...new Set([fixture.request.method, 'GET', 'POST'])]) {
            useFakeClock(fixture);
            const reading = read(fixture, method);
            const hasKey = generatesIdempotencyKey(adapter, method);
            const attempts = expectedAttempts({ reading, method, hasIdempotencyKey: hasKey, maxRetries, maxRetryAfterMs });
            const script = createScriptedFetch([wireResponse(fixture)]);
            const client = createClient(adapter, {
              baseUrl,
              fetch: script.fetch,
              rateLimit: false,
              deadlineMs,
              retry: { maxRetries, baseDelayMs: 0, maxDelayMs: 0, random: () => 0, maxRetryAfterMs },
            });
            const wait = Math.min(reading?.retryAfterMs ?? 0, maxRetryAfterMs) + SETTLE_SLACK_MS;
            const outcome = await settle(client.request({ method: asMethod(method), path: fixture.request.path }), maxRetries * wait + SETTLE_SLACK_MS, script);
            await client.close();
            vi.useRealTimers();

            const why = `${method} ${fixture.request.path} answered ${fixture.response.status}, read as ${
              reading === null ? 'a success' : `${reading.kind} (retryable ${reading.retryable}, retryAfterMs ${String(reading.retryAfterMs)})`
            }${hasKey ? ', with a generated idempotency key' : ''}`;
            expect(script.log, why).toEqual(Array.from({ length: attempts }, () => `START ${method} ${onTheWire(fixture)}`));
            if (reading === null) expect(outcome.ok ? 'resolved' : errorSummary(outcome.error), why).toBe('resolved');
            else expect(outcome.ok ? outcome.value : outcome.error, why).toMatchObject({ kind: reading.kind, attempts });
            const header = adapter.idempotency?.header.toLowerCase();
            if (header !== undefined) {
              const keys = new Set(script.requests.map((request) => request.headers[header]));
              // One key, reused by every attempt: a new key per retry would defeat the server's dedup.
              expect([...keys].map((key) => key !== undefined), `${header} sent on ${method}`).toEqual([hasKey]);
            }
          }
        });
      }
    });

    describe('no credential fragment in errors, meta or events (every declared auth scheme)', () => {
      const schemes = declaredSchemes(adapter);
      for (const fixture of fixtures) {
        it(fixture.name, async () => {
          for (const scheme of schemes) {
            const secret = randomSecret();
            useFakeClock(fixture);
            const script = createScriptedFetch([wireResponse(fixture)]);
            const client = createClient(adapter, {
              baseUrl,
              fetch: script.fetch,
              rateLimit: false,
              deadlineMs,
              auth: withSecret(options.credentials, secret, scheme.type),
              retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, random: () => 0, maxRetryAfterMs },
            });
            const surfaces: Record<string, string> = {};
            let count = 0;
            for (const event of Object.keys(EVENTS) as ClientEventName[]) {
              client.on(event, (payload) => {
                count += 1;
                Object.assign(surfaces, valueSurfaces(`event ${event} #${count}`, payload));
              });
            }
            const hint = Math.min(read(fixture, fixture.request.method)?.retryAfterMs ?? 0, maxRetryAfterMs);
            const call = client.requestWithMeta({ method: asMethod(fixture.request.method), path: fixture.request.path });
            const outcome = await settle(call, hint + 2 * SETTLE_SLACK_MS, script);
            await client.close();
            vi.useRealTimers();

            if (outcome.ok) Object.assign(surfaces, valueSurfaces('meta', outcome.value.meta));
            else if (isApiError(outcome.error)) Object.assign(surfaces, errorSurfaces(outcome.error));
            else throw new Error(`the client threw something other than an ApiError: ${String(outcome.error)}`);
            expect(wireCarries(script, secret), `the ${scheme.type} credential was sent, so the check means something`).toBe(true);
            expect(count, 'events were emitted').toBeGreaterThan(0);
            expect(findSecretLeaks(secret, surfaces), `leaks under the ${scheme.type} scheme`).toEqual([]);
          }
        });
      }
    });

    it(`normalizeResponse never throws and returns null or a sound ApiError (${numRuns} random responses)`, () => {
      const t0 = performance.now();
      const arbx = responseArbitrary(adapter, fixtures);
      console.log('arb ' + String(performance.now() - t0));
      let n = 0; let worst = 0; let worstInput: unknown;
      fc.assert(
        fc.property(arbx, (input) => {
          n++; const a = performance.now();
          let result: unknown;
          try {
            result = normalizeResponse(adapter, input);
          } catch (error) {
            throw new Error(`normalizeResponse threw: ${error instanceof Error ? error.stack : String(error)}`);
          }
          const problems = readingProblems(adapter, input.status, result);
          const d = performance.now() - a; if (d > worst) { worst = d; worstInput = input; }
          if (problems.length > 0) throw new Error(problems.join('; '));
        }),
        { numRuns },
      );
      console.log('total ' + String(performance.now() - t0) + ' n ' + n + ' worst ' + worst + ' ' + JSON.stringify(worstInput).slice(0, 400));
    });

    it(`fixtures cover ${REQUIRED_FIXTURE_CATEGORIES.map((group) => group.join(' or ')).join(', ')}`, () => {
      const missing = missingFixtureCategories(fixtures);
      expect(missing, `${adapter.id} has no fixture for: ${missing.join('; ')} (add one cited fixture for each)`).toEqual(
        [],
      );
    });
  });
}

/** Asserts a reading against a fixture's `expected`, in one comparison so a failure shows every field. */
function expectFixtureReading(adapter: Adapter, fixture: AdapterFixture, actual: unknown): void {
  const expected = fixture.expected;
  if (expected === null) {
    expect(actual === null ? null : errorSummary(actual), 'a success').toBeNull();
    return;
  }
  expect(isApiError(actual), `an ApiError, got ${String(actual)}`).toBe(true);
  const error = actual as ApiError;
  const wanted: Record<string, unknown> = {
    provider: adapter.id,
    status: fixture.response.status,
    kind: expected.kind,
    retryable: expected.retryable,
  };
  const got: Record<string, unknown> = {
    provider: error.provider,
    status: error.status,
    kind: error.kind,
    retryable: error.retryable,
  };
  if (expected.code !== undefined) [wanted.code, got.code] = [expected.code, error.code];
  if (expected.retryAfterMs !== undefined) [wanted.retryAfterMs, got.retryAfterMs] = [expected.retryAfterMs, error.retryAfterMs];
  if (expected.requestId !== undefined) [wanted.requestId, got.requestId] = [expected.requestId, error.requestId];
  if (expected.fieldErrors !== undefined) [wanted.fieldErrors, got.fieldErrors] = [expected.fieldErrors, error.fieldErrors];
  if (expected.messageIncludes !== undefined) {
    [wanted.message, got.message] = [expect.stringContaining(expected.messageIncludes), error.message];
  }
  expect(got).toEqual(wanted);
}

/** The fixture's response as a server sends it: JSON text for non-string bodies, typed as such. */
function wireResponse(fixture: AdapterFixture): { status: number; headers: Record<string, string>; body: string } {
  const { status, headers = {}, body } = fixture.response;
  if (body === undefined || typeof body === 'string') return { status, headers: { ...headers }, body: body ?? '' };
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return { status, headers: typed ? { ...headers } : { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** The adapter's auth schemes, one per type (a client picks a scheme by type); bearer when none is declared. */
function declaredSchemes(adapter: Adapter): AuthScheme[] {
  const byType = new Map<AuthScheme['type'], AuthScheme>();
  for (const scheme of adapter.auth ?? [{ type: 'bearer' }]) if (!byType.has(scheme.type)) byType.set(scheme.type, scheme);
  return [...byType.values()];
}

/** `credentials` with every credential field it sets (all four when none) replaced by `secret`. */
function withSecret(credentials: AuthOptions | undefined, secret: string, scheme: AuthScheme['type']): AuthOptions {
  const fields = CREDENTIAL_FIELDS.filter((field) => credentials === undefined || credentials[field] !== undefined);
  return { ...Object.fromEntries(fields.map((field) => [field, secret])), scheme };
}

/** Whether any scripted request carried the secret: raw, URL-encoded, or inside basic auth. */
function wireCarries(script: ScriptedFetch, secret: string): boolean {
  const texts = script.requests.flatMap((request) => [
    request.url,
    ...Object.values(request.headers).map((value) =>
      /^basic /i.test(value) ? Buffer.from(value.slice(6).trim(), 'base64').toString('utf8') : value,
    ),
  ]);
  return texts.some((text) => text.includes(secret) || text.includes(encodeURIComponent(secret)));
}

/** Fixture methods are validated against the HTTP methods on load; the type only says `string`. */
function asMethod(method: string): HttpMethod {
  return method.toUpperCase() as HttpMethod;
}

function errorSummary(error: unknown): string {
  return isApiError(error) ? `${error.kind}: ${error.message}` : String(error);
}
