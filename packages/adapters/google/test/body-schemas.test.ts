import { readGoogleRpcStatus, readOAuthError } from '@rosetta/core';
import { fixtureBody, loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { googleErrorSchema, googleOAuthErrorSchema, googleOperationSchema } from '../src/schemas';

// src/schemas.ts declares Google's bodies; core's readers read them at run time without zod. Every fixture is held
// to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const T = 'type.googleapis.com/google.rpc.';

describe('google body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixtureBody(fixture) as Record<string, unknown> | undefined;
    const error = body?.error;
    if (typeof error === 'string') {
      const parsed = googleOAuthErrorSchema.parse(body);
      expect(readOAuthError(body)).toMatchObject({ error: parsed.error });
      expect(readGoogleRpcStatus(body)).toBeUndefined();
    } else if (body !== undefined && 'done' in body) {
      const op = googleOperationSchema.parse(body);
      expect(readGoogleRpcStatus(body)?.code).toBe(op.error?.code);
    } else if (typeof error === 'object' && error !== null) {
      const e = googleErrorSchema.parse(body).error;
      const read = readGoogleRpcStatus(body);
      expect(read).toMatchObject({ code: e.code, message: e.message, status: e.status });
      const details = e.details ?? [];
      const info = details.find((d) => d['@type'] === `${T}ErrorInfo`) as { reason?: string } | undefined;
      expect(read?.errorInfo?.reason).toBe(info?.reason);
      const retry = details.find((d) => d['@type'] === `${T}RetryInfo`) as { retryDelay?: string } | undefined;
      expect(read?.retryDelayMs).toBe(
        retry === undefined ? undefined : Number.parseFloat(retry.retryDelay ?? '') * 1000,
      );
      expect(read?.errors.map((x) => x.reason)).toEqual((e.errors ?? []).map((x) => x.reason));
    } else {
      // A success of its own shape (a list, a running operation): none of the error shapes.
      expect(fixture.expected).toBeNull();
      expect(googleErrorSchema.safeParse(body).success).toBe(false);
      expect(readGoogleRpcStatus(body) ?? readOAuthError(body)).toBeUndefined();
    }
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
