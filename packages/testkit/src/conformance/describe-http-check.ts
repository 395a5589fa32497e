import { createClient } from '@rosetta/core';
import nock from 'nock';
import { describe, expect, it, vi } from 'vitest';
import {
  asMethod,
  type ConformanceContext,
  errorSummary,
  type Outcome,
  onTheWire,
  targetUrl,
  wireResponse,
} from './conformance-context';
import { expectFixtureReading } from './expect-fixture-reading';

/**
 * Check 2: each fixture's response, served by nock to a real client (no retries, no limiter), gives
 * the same `ApiError` as `normalizeResponse` (with `attempts: 1`), or resolves with the body.
 */
export function describeHttpCheck(ctx: ConformanceContext): void {
  describe('a client over HTTP (nock, retry and rate limit off) gives the same outcome', () => {
    for (const fixture of ctx.fixtures) {
      it(fixture.name, async () => {
        if (fixture.now !== undefined) vi.setSystemTime(new Date(fixture.now));
        const pathname = targetUrl(ctx, fixture).pathname;
        const { status, headers, body } = wireResponse(fixture);
        const seen: string[] = [];
        const scope = nock(ctx.origin)
          .intercept((uri) => uri.split('?')[0] === pathname, fixture.request.method)
          .reply((uri) => {
            seen.push(uri);
            return [status, body, headers];
          });
        const client = createClient(ctx.adapter, {
          baseUrl: ctx.baseUrl,
          retry: false,
          rateLimit: false,
          ...(ctx.credentials === undefined ? {} : { auth: ctx.credentials }),
        });
        const outcome = await client
          .request({ method: asMethod(fixture.request.method), path: fixture.request.path })
          .then(
            (value): Outcome<unknown> => ({ ok: true, value }),
            (error: unknown): Outcome<unknown> => ({ ok: false, error }),
          );
        await client.close();

        expect(scope.isDone(), 'the request reached the (nock) server').toBe(true);
        expect(seen).toHaveLength(1);
        // Starts with, not equals: a query-parameter credential may follow.
        expect(seen[0]?.startsWith(onTheWire(ctx, fixture)), `${seen[0]} starts with ${onTheWire(ctx, fixture)}`).toBe(
          true,
        );
        if (fixture.expected === null) {
          expect(outcome.ok ? 'resolved' : errorSummary(outcome.error)).toBe('resolved');
          const sent = fixture.response.body;
          if (outcome.ok && typeof sent === 'object' && sent !== null) expect(outcome.value).toEqual(sent);
          return;
        }
        expect(outcome.ok, 'the call rejects').toBe(false);
        const error = outcome.ok ? null : outcome.error;
        expectFixtureReading(ctx.adapter, fixture, error);
        expect(error).toMatchObject({ attempts: 1, request: { method: fixture.request.method } });
      });
    }
  });
}
