import { type Adapter, type AuthOptions, normalizeResponse } from '@rosetta/core';
import fc from 'fast-check';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readingProblems } from './check-reading';
import { type ConformanceContext, readFixture, SETTLE_SLACK_MS } from './conformance-context';
import { describeHttpCheck } from './describe-http-check';
import { describeLeakCheck } from './describe-leak-check';
import { describeRetryCheck } from './describe-retry-check';
import { expectFixtureReading } from './expect-fixture-reading';
import type { AdapterFixture } from './fixture';
import { missingFixtureCategories, REQUIRED_FIXTURE_CATEGORIES } from './fixture-coverage';
import { responseArbitrary } from './response-arbitrary';

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
  const maxRetries = options.retry?.maxRetries ?? 2;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 3_600_000;
  const origin = `https://${adapter.id}.conformance.test`;
  const ctx: ConformanceContext = {
    adapter,
    fixtures: options.fixtures,
    credentials: options.credentials,
    maxRetries,
    maxRetryAfterMs,
    deadlineMs: (maxRetries + 1) * (maxRetryAfterMs + SETTLE_SLACK_MS) + 60_000,
    numRuns: options.numRuns ?? 300,
    origin,
    baseUrl: `${origin}${new URL(adapter.baseUrl).pathname.replace(/\/+$/, '')}`,
  };

  describe(`${adapter.displayName} (${adapter.id}) adapter conformance`, () => {
    afterEach(() => {
      nock.cleanAll();
      vi.useRealTimers();
    });
    describeReadingCheck(ctx);
    describeHttpCheck(ctx);
    describeRetryCheck(ctx);
    describeLeakCheck(ctx);
    describePropertyCheck(ctx);
    describeCoverageCheck(ctx.adapter, ctx.fixtures);
  });
}

/** Check 1: `normalizeResponse` reads every fixture as its `expected` says, the clock at its `now`. */
function describeReadingCheck(ctx: ConformanceContext): void {
  describe('normalizeResponse reads every fixture as expected', () => {
    for (const fixture of ctx.fixtures) {
      it(fixture.name, () => {
        if (fixture.now !== undefined) vi.setSystemTime(new Date(fixture.now));
        expectFixtureReading(ctx.adapter, fixture, readFixture(ctx, fixture, fixture.request.method));
      });
    }
  });
}

/** Check 5: random responses never make `normalizeResponse` throw nor return an unsound error. */
function describePropertyCheck(ctx: ConformanceContext): void {
  it(`normalizeResponse never throws and returns null or a sound ApiError (${ctx.numRuns} random responses)`, () => {
    fc.assert(
      fc.property(responseArbitrary(ctx.adapter, ctx.fixtures), (input) => {
        let result: unknown;
        try {
          result = normalizeResponse(ctx.adapter, input);
        } catch (error) {
          throw new Error(`normalizeResponse threw: ${error instanceof Error ? error.stack : String(error)}`);
        }
        const problems = readingProblems(ctx.adapter, input.status, result);
        if (problems.length > 0) throw new Error(problems.join('; '));
      }),
      { numRuns: ctx.numRuns },
    );
  });
}

/** Check 6: the fixtures cover every required category; the failure names the missing ones. */
function describeCoverageCheck(adapter: Adapter, fixtures: readonly AdapterFixture[]): void {
  it(`fixtures cover ${REQUIRED_FIXTURE_CATEGORIES.map((group) => group.join(' or ')).join(', ')}`, () => {
    const missing = missingFixtureCategories(fixtures);
    expect(missing, `${adapter.id} has no fixture for: ${missing.join('; ')} (add one cited fixture for each)`).toEqual(
      [],
    );
  });
}
