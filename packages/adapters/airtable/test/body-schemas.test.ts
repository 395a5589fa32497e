import { readOAuthError } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAirtableError, webhookPayloadErrors } from '../src/airtable-error-body';
import {
  airtableBareErrorSchema,
  airtableErrorListSchema,
  airtableErrorSchema,
  airtableOAuthErrorSchema,
  airtableRecordListSchema,
  airtableWebhookPayloadsSchema,
} from '../src/schemas';

// src/schemas.ts declares Airtable's bodies; src/airtable-error-body.ts (and core's OAuth reader) read them at run
// time without zod. Every fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the
// schema, fails here.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

/**
 * The reader's leniency, written out: a `message` of another type reads as absent, and only the first element of
 * `errors` is read. The schemas are strict; this copy is what they see.
 */
function lenient(body: unknown): unknown {
  if (!isObject(body)) return body;
  const dropMessage = (o: unknown): unknown => {
    if (!isObject(o) || o.message === undefined || typeof o.message === 'string') return o;
    const { message: _, ...rest } = o;
    return rest;
  };
  const copy: Record<string, unknown> = { ...(dropMessage(body) as object) };
  if (isObject(copy.error)) copy.error = dropMessage(copy.error);
  if (Array.isArray(copy.errors)) copy.errors = copy.errors.slice(0, 1).map(dropMessage);
  return copy;
}

/** What the reader makes of an error one of the three schemas accepted (in the reader's order): type and message. */
function expectedError(raw: unknown): unknown {
  const body = lenient(raw);
  const object = airtableErrorSchema.safeParse(body);
  if (object.success) return { type: object.data.error.type, message: object.data.error.message };
  const bare = airtableBareErrorSchema.safeParse(body);
  if (bare.success) return { type: bare.data.error, message: bare.data.message };
  const list = airtableErrorListSchema.safeParse(body);
  if (list.success) return { type: list.data.errors[0]?.error, message: list.data.errors[0]?.message };
  return undefined;
}

describe('airtable body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    const expected = expectedError(body);
    if (expected !== undefined) {
      expect(fixture.expected).not.toBeNull();
      expect(readAirtableError(body)).toEqual(expected);
    } else if (isObject(body) && typeof body.error === 'string') {
      // The OAuth token endpoint's RFC 6749 body: core's reader, never Airtable's.
      const parsed = airtableOAuthErrorSchema.parse(body);
      expect(readOAuthError(body)).toMatchObject({ error: parsed.error });
      expect(readAirtableError(body)).toBeUndefined();
    } else if (isObject(body) && 'payloads' in body) {
      airtableWebhookPayloadsSchema.parse(body);
      expect(webhookPayloadErrors(body).length).toBeGreaterThan(0);
      expect(readAirtableError(body)).toBeUndefined();
    } else if (isObject(body) && 'records' in body && !('deleted' in (body.records as object[])[0]!)) {
      airtableRecordListSchema.parse(body);
      expect(readAirtableError(body)).toBeUndefined();
    } else {
      // Deletes, records, empty or message-only bodies, non-objects: none of Airtable's error shapes.
      expect(readAirtableError(body)).toBeUndefined();
    }
  });

  it(`reads every error a schema accepts as the schema does (seed ${SEED})`, () => {
    const type = fc.oneof(fc.constantFrom('NOT_FOUND', 'RATE_LIMIT_REACHED', 'invalid_grant', ''), fc.string());
    const member = fc.oneof(type, fc.constant(null), fc.jsonValue());
    const inner = fc.dictionary(fc.constantFrom('type', 'message', 'error', 'other'), member);
    const body = fc.dictionary(
      fc.constantFrom('error', 'errors', 'message', 'other'),
      fc.oneof(member, inner, fc.array(inner, { maxLength: 2 })),
    );
    fc.assert(
      fc.property(body, (b) => {
        const expected = expectedError(b);
        if (expected !== undefined) expect(readAirtableError(b)).toEqual(expected);
        // Leniency the schemas do not have: a message of another type costs the message only.
        const read = readAirtableError(b);
        if (read !== undefined) expect(read.type).toMatch(/^[A-Z][A-Z0-9_]*$/);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
