import { readODataError } from '@rosetta/core';
import { fixtureBody, loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import { describe, expect, it } from 'vitest';
import { readGraphBatch } from '../src/graph-batch';
import { graphBatchSchema, graphCollectionSchema, graphErrorSchema } from '../src/schemas';

// src/schemas.ts declares Graph's bodies; core's readODataError and src/graph-batch.ts read them at run time without
// zod. Every fixture (and every item of a batch fixture) is held to both, so a fixture of the wrong shape, or a
// reader that drifts from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

/** An error body: the schema accepts it and the reader gives the same code, message and ids. */
function expectError(body: unknown): void {
  const e = graphErrorSchema.parse(body).error;
  const inner = e.innerError ?? e.innererror;
  const read = readODataError(body);
  expect(read?.code).toBe(e.code === '' ? undefined : e.code);
  expect(read?.message).toBe(e.message);
  expect(read?.requestId).toBe(inner?.['request-id']);
  expect(read?.clientRequestId).toBe(inner?.['client-request-id']);
  expect(read?.date).toBe(inner?.date);
}

describe('microsoft-graph body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixtureBody(fixture);
    if (body === undefined) {
      // Empty bodies: a 202/204 success, or a gateway's 504/509 and a directory 410 that carry only headers.
      expect(readODataError(body)).toBeUndefined();
    } else if (typeof body === 'object' && body !== null && 'error' in body) {
      expectError(body);
    } else if (typeof body === 'object' && body !== null && 'responses' in body) {
      const batch = graphBatchSchema.parse(body);
      const read = readGraphBatch(body);
      expect(read?.map((i) => [i.id, i.status])).toEqual(batch.responses.map((r) => [r.id, r.status]));
      for (const item of batch.responses) if (item.status >= 400) expectError(item.body);
    } else {
      expect(fixture.expected).toBeNull();
      expect(readODataError(body)).toBeUndefined();
      if (typeof body === 'object' && body !== null && 'value' in body) graphCollectionSchema.parse(body);
    }
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
