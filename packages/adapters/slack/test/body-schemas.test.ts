import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackEnvelopeSchema, slackResponseMetadataSchema } from '../src/schemas';
import { readSlackEnvelope } from '../src/slack-envelope';

// src/schemas.ts declares Slack's envelope; src/slack-envelope.ts reads it at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

/** What the reader makes of a body the schema accepted: `next_cursor` is left to core's pagination. */
function expectedEnvelope(body: unknown): unknown {
  const { response_metadata: meta, ...members } = slackEnvelopeSchema.parse(body);
  if (meta === undefined) return members;
  const { next_cursor: _, ...read } = meta;
  return { ...members, response_metadata: read };
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

describe('slack envelope schema and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, f.response.body] as const))('%s matches the declared shape', (_, body) => {
    if (typeof body === 'object' && body !== null) expect(readSlackEnvelope(body)).toEqual(expectedEnvelope(body));
    // A gzip file or an HTML page: no envelope, for the reader either.
    else expect(readSlackEnvelope(body)).toBeUndefined();
  });

  it(`reads every envelope the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.boolean(), fc.jsonValue(), fc.array(fc.string()));
    const meta = fc.dictionary(fc.constantFrom(...Object.keys(slackResponseMetadataSchema.shape)), member);
    const keys = Object.keys(slackEnvelopeSchema.shape);
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...keys), fc.oneof(member, meta)), (body) => {
        if (slackEnvelopeSchema.safeParse(body).success)
          expect(readSlackEnvelope(body)).toEqual(expectedEnvelope(body));
        // Leniency the schema does not have: a member of another type costs that member only.
        const read = (readSlackEnvelope(body) ?? {}) as Record<string, unknown>;
        for (const key of ['error', 'warning', 'detail', 'needed', 'provided']) {
          expect(read[key]).toBe(typeof body[key] === 'string' ? body[key] : undefined);
        }
        expect(read.ok).toBe(typeof body.ok === 'boolean' ? body.ok : undefined);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
