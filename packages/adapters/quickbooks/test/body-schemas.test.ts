import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeCode, readBatchFaults, readQuickbooksFault } from '../src/quickbooks-error-body';
import {
  quickbooksBatchSchema,
  type quickbooksFaultBodySchema,
  quickbooksFaultSchema,
  quickbooksGatewayFaultSchema,
  quickbooksQueryFaultSchema,
} from '../src/schemas';

// src/schemas.ts declares QuickBooks' bodies; src/quickbooks-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;
type FaultBody = ReturnType<typeof quickbooksFaultBodySchema.parse>;

const orUndefined = (s: string | null | undefined): string | undefined => (s === null || s === '' ? undefined : s);

/** What the reader makes of a capitalized Fault the schema accepted. */
function expectedFault(f: FaultBody): unknown {
  return {
    type: f.type,
    errors: f.Error.map((e) => ({
      code: normalizeCode(e.code),
      message: orUndefined(e.Message),
      detail: orUndefined(e.Detail),
      element: orUndefined(e.element),
    })),
  };
}

/** The reader's view of a body one of the Fault schemas accepts, or undefined for none. */
function expectedOf(body: unknown): unknown {
  const api = quickbooksFaultSchema.safeParse(body);
  if (api.success) return expectedFault(api.data.Fault);
  const query = quickbooksQueryFaultSchema.safeParse(body);
  if (query.success) return expectedFault(query.data.QueryResponse.Fault);
  const gateway = quickbooksGatewayFaultSchema.safeParse(body);
  if (!gateway.success) return undefined;
  return {
    type: gateway.data.fault.type,
    errors: gateway.data.fault.error.map((e) => ({
      code: e.code ?? /errorCode=0*(\d+)/.exec(e.message)?.[1],
      message: orUndefined(e.message),
      detail: orUndefined(e.detail),
      element: orUndefined(e.element),
    })),
  };
}

describe('quickbooks body schemas and the run-time readers', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (body === undefined) {
      expect(readQuickbooksFault(body) ?? readBatchFaults(body)).toBeUndefined();
      return;
    }
    if (typeof body === 'string') {
      // XML: an error's Fault gives the code the fixture expects; a success has no Fault of its own.
      const fault = readQuickbooksFault(body);
      if (fixture.expected === null) expect(fault).toBeUndefined();
      else expect(fault?.errors[0]?.code).toBe(fixture.expected.code);
      return;
    }
    const batch = quickbooksBatchSchema.safeParse(body);
    if (batch.success) {
      const items = 'BatchItemResponse' in batch.data ? batch.data.BatchItemResponse : batch.data.AttachableResponse;
      const faults = items.flatMap((item) =>
        item.Fault === undefined
          ? []
          : [{ bId: 'bId' in item ? item.bId : undefined, fault: expectedFault(item.Fault) }],
      );
      expect(readBatchFaults(body)).toEqual({ items: items.length, faults });
      return;
    }
    const expected = expectedOf(body);
    // A Fault body is an error; any other body is a success with no Fault for the reader either.
    expect(fixture.expected === null, fixture.name).toBe(expected === undefined);
    expect(readQuickbooksFault(body)).toEqual(expected);
  });

  it(`reads every Fault a schema accepts as the schema does (seed ${SEED})`, () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom('3200', '003100', 'message=X; errorCode=003001; statusCode=429'),
    );
    const member = fc.oneof(text, fc.integer(), fc.constant(null), fc.jsonValue());
    const apiError = fc.record(
      { Message: member, Detail: member, code: member, element: member },
      { requiredKeys: [] },
    );
    const gatewayError = fc.record(
      { message: member, detail: member, code: member, element: member },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.record({ Fault: fc.record({ Error: fc.array(apiError), type: member }, { requiredKeys: [] }) }),
      fc.record({ QueryResponse: fc.record({ Fault: fc.record({ Error: fc.array(apiError) }) }) }),
      fc.record({ fault: fc.record({ error: fc.array(gatewayError), type: member }, { requiredKeys: [] }) }),
    );
    fc.assert(
      fc.property(body, (b) => {
        const expected = expectedOf(b);
        // The reader reads numbers as codes and drops '' members the schemas allow: compare only plain cases.
        if (expected !== undefined && !JSON.stringify(b).includes('""'))
          expect(readQuickbooksFault(b)).toEqual(expected);
        expect(() => readQuickbooksFault(b)).not.toThrow();
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
