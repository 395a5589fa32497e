// Standard Schema libraries as a call's `schema`, under the repository's strict compiler options
// (`exactOptionalPropertyTypes`, checked by the root tsconfig): the data type is inferred from the schema, a real
// success comes back validated, a mismatch is `invalid_response` / `schema_mismatch` with field errors.
import { createScriptedFetch } from '@rosetta/testkit';
import { type } from 'arktype';
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as z from 'zod';
import * as zm from 'zod/mini';
import { createClient, defineAdapter, type SuccessSchema } from '../../src/index';

const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
const GOOD = { id: 42, name: 'rosetta', topics: ['http'] };
const BAD = { id: 'x', name: 7 };

const schemas = {
  zod: z.object({ id: z.number(), name: z.string(), topics: z.optional(z.array(z.string())) }),
  'zod/mini': zm.object({ id: zm.number(), name: zm.string(), topics: zm.optional(zm.array(zm.string())) }),
  valibot: v.object({ id: v.number(), name: v.string(), topics: v.optional(v.array(v.string())) }),
  arktype: type({ id: 'number', name: 'string', 'topics?': 'string[]' }),
};

// The runtime cases; the call sites below check each library's type without a cast.
const table = Object.entries(schemas) as [string, SuccessSchema<unknown>][];

function clientAnswering(body: unknown) {
  const t = createScriptedFetch([{ status: 200, body }]);
  return createClient(acme, { rateLimit: false, retry: false, fetch: t.fetch });
}

describe('schema libraries as a call schema', () => {
  it('infers the data type from each library', () => {
    const client = clientAnswering(GOOD);
    // Types only: the calls are never awaited here.
    // SuccessSchema's issue `path` admits `undefined` as Standard Schema v1 declares it (`path?: ... | undefined`):
    // without it, exactOptionalPropertyTypes refuses all four.
    const calls = {
      zod: client.get('/repos/1', { schema: schemas.zod }),
      zodMini: client.get('/repos/1', { schema: schemas['zod/mini'] }),
      valibot: client.get('/repos/1', { schema: schemas.valibot }),
      arktype: client.request({ path: '/repos/1', schema: schemas.arktype }),
    };
    for (const call of Object.values(calls)) call.catch(() => {});
    expectTypeOf(calls.zod).resolves.toEqualTypeOf<{ id: number; name: string; topics?: string[] | undefined }>();
    expectTypeOf(calls.zodMini).resolves.toEqualTypeOf<{ id: number; name: string; topics?: string[] | undefined }>();
    expectTypeOf(calls.valibot).resolves.toEqualTypeOf<{ id: number; name: string; topics?: string[] | undefined }>();
    expectTypeOf(calls.arktype).resolves.toEqualTypeOf<{ id: number; name: string; topics?: string[] }>();
  });

  it.each(table)('%s: a real success comes back validated', async (_name, schema) => {
    const data = await clientAnswering(GOOD).get('/repos/42', { schema });
    expect(data).toEqual(GOOD);
  });

  it.each(table)('%s: a mismatch is invalid_response / schema_mismatch with field errors', async (_name, schema) => {
    const err = await clientAnswering(BAD)
      .get('/repos/42', { schema })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'invalid_response', code: 'schema_mismatch', retryable: false, status: 200 });
    const paths = (err as { fieldErrors: { path: string; code?: string }[] }).fieldErrors.map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['id', 'name']));
    for (const f of (err as { fieldErrors: { code?: string }[] }).fieldErrors) expect(f.code).toBe('schema_mismatch');
  });
});

describe('credentials under exactOptionalPropertyTypes', () => {
  it('takes process.env values and async token functions', async () => {
    const fromEnv = createClient(acme, { auth: { apiKey: process.env.ACME_API_KEY } });
    const t = createScriptedFetch([{ status: 200, body: GOOD }]);
    const refreshed = createClient(acme, {
      auth: { token: async () => 'tok_refreshed' },
      rateLimit: false,
      fetch: t.fetch,
    });
    expectTypeOf(fromEnv.get).toBeFunction();
    await expect(refreshed.get('/repos/42')).resolves.toEqual(GOOD);
  });
});
