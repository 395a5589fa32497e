import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  zendeskCursorPageSchema,
  zendeskErrorListSchema,
  zendeskJobStatusSchema,
  zendeskNamedErrorSchema,
  zendeskWrappedErrorSchema,
} from '../src/schemas';
import { readEndpointLimit, readJobStatus, readZendeskError } from '../src/zendesk-error-body';

// src/schemas.ts declares Zendesk's bodies; src/zendesk-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;
const NAME = /^[A-Za-z][A-Za-z0-9_]{0,99}$/;

/** What the reader makes of a body one of the error schemas accepted. */
function expectedError(body: unknown): unknown {
  const named = zendeskNamedErrorSchema.safeParse(body);
  if (named.success) {
    const e = named.data;
    const isName = NAME.test(e.error);
    const details = Object.entries(e.details ?? {}).flatMap(([field, list]) =>
      list.map((d) => ({ field, error: d.error, description: d.description })),
    );
    return {
      code: isName ? e.error : undefined,
      message: e.description ?? (isName ? undefined : e.error),
      title: undefined,
      details,
    };
  }
  const wrapped = zendeskWrappedErrorSchema.safeParse(body);
  if (wrapped.success) {
    return { code: undefined, message: wrapped.data.error.message, title: wrapped.data.error.title, details: [] };
  }
  const first = zendeskErrorListSchema.parse(body).errors[0];
  return { code: first?.code, message: first?.detail ?? first?.title, title: undefined, details: [] };
}

const isError = (body: unknown): boolean =>
  [zendeskNamedErrorSchema, zendeskWrappedErrorSchema, zendeskErrorListSchema].some((s) => s.safeParse(body).success);

describe('zendesk body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (body === undefined || typeof body === 'string') {
      // Plain text (a 429's sentence) or no body: none of Zendesk's JSON shapes.
      expect(readZendeskError(body) ?? readJobStatus(body)).toBeUndefined();
    } else if (isError(body)) {
      expect(fixture.expected).not.toBeNull();
      expect(readZendeskError(body)).toEqual(expectedError(body));
    } else if ('job_status' in b) {
      const job = zendeskJobStatusSchema.parse(body).job_status;
      expect(readJobStatus(body)).toEqual({ status: job.status, message: job.message ?? undefined });
    } else if ('meta' in b) {
      zendeskCursorPageSchema.parse(body);
      expect(fixture.expected).toBeNull();
    } else {
      // Any other success (a ticket, an offset page): no error shape, for the schemas and readers alike.
      expect(fixture.expected).toBeNull();
      expect(readZendeskError(body)).toBeUndefined();
    }
    for (const [name, value] of Object.entries(fixture.response.headers ?? {})) {
      if (name.startsWith('zendesk-ratelimit-')) expect(readEndpointLimit(value), name).toBeDefined();
    }
  });

  it(`reads every error a schema accepts as the schema does (seed ${SEED})`, () => {
    const text = fc.oneof(fc.string(), fc.constantFrom('RecordNotFound', "Couldn't authenticate you", 'TooManyJobs'));
    const member = fc.oneof(text, fc.integer(), fc.constant(null), fc.jsonValue());
    const detail = fc.record({ description: text, error: text }, { requiredKeys: [] });
    const body = fc.oneof(
      fc.record(
        { error: member, description: member, details: fc.dictionary(fc.string(), fc.array(detail)) },
        { requiredKeys: [] },
      ),
      fc.record({ error: fc.record({ title: member, message: member }, { requiredKeys: [] }) }),
      fc.record({ errors: fc.array(fc.record({ code: member, title: member, detail: member }, { requiredKeys: [] })) }),
    );
    fc.assert(
      fc.property(body, (b) => {
        // The reader skips empty strings the schema allows: compare only where no member is ''.
        if (isError(b) && !JSON.stringify(b).includes('""')) expect(readZendeskError(b)).toEqual(expectedError(b));
        expect(() => readZendeskError(b)).not.toThrow();
      }),
      { seed: SEED },
    );
  });

  it('reads endpoint-limit headers: members in any order, unknown members and junk ignored', () => {
    expect(readEndpointLimit('total=100; remaining=99; resets=41')).toEqual({ total: 100, remaining: 99, resets: 41 });
    expect(readEndpointLimit(' resets = 7 ;total=30')).toEqual({ resets: 7, total: 30 });
    for (const junk of [undefined, '', 'x', 'total=-1', 'remaining=1e3', `total=1;${'x'.repeat(300)}`]) {
      expect(readEndpointLimit(junk), String(junk)).toBeUndefined();
    }
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
