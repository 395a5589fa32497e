import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  xeroAccountingEnvelopeSchema,
  xeroApiExceptionSchema,
  xeroBatchElementSchema,
  xeroModelStateSchema,
  xeroOAuthErrorSchema,
  xeroPayrollEnvelopeSchema,
  xeroProblemSchema,
} from '../src/schemas';
import { problemCode, readApiException, readBatchOutcome } from '../src/xero-error-body';

// src/schemas.ts declares Xero's bodies; src/xero-error-body.ts reads its own ones at run time without zod. Every
// fixture is held to a schema, and Xero's own shapes to the reader too.

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261126;

const messages = (elements: readonly { ValidationErrors?: readonly { Message: string }[] | undefined }[]) =>
  elements.flatMap((e) => (e.ValidationErrors ?? []).map((v) => v.Message));

describe('xero body schemas and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches a declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (body === undefined || typeof body === 'string') {
      // A 429 without body, text 404/503: none of Xero's JSON shapes.
      expect(readApiException(body) ?? readBatchOutcome(body)).toBeUndefined();
      return;
    }
    const exception = xeroApiExceptionSchema.safeParse(body);
    if (exception.success) {
      expect(readApiException(body)).toEqual({
        type: exception.data.Type,
        errorNumber: exception.data.ErrorNumber,
        message: exception.data.Message,
        validationErrors: messages(exception.data.Elements ?? []),
      });
      return;
    }
    expect(readApiException(body)).toBeUndefined();
    const b = body as Record<string, unknown>;
    if ('Id' in b) {
      xeroAccountingEnvelopeSchema.parse(body);
      const list = Object.values(b).find(Array.isArray) as unknown[];
      const elements = list.map((e) => xeroBatchElementSchema.parse(e));
      const failed = elements.filter((e) => e.StatusAttributeString === 'ERROR' || e.HasErrors === true);
      const batch = elements.some((e) => e.StatusAttributeString !== undefined);
      expect(readBatchOutcome(body)).toEqual(
        batch ? { total: elements.length, failed: failed.length, messages: messages(failed) } : undefined,
      );
    } else if ('providerName' in b) {
      xeroPayrollEnvelopeSchema.parse(body);
    } else if ('error' in b) {
      xeroOAuthErrorSchema.parse(body);
    } else if ('modelState' in b) {
      xeroModelStateSchema.parse(body);
    } else {
      xeroProblemSchema.parse(body);
    }
  });

  it(`reads every ApiException the schema accepts as the schema does (seed ${SEED})`, () => {
    const member = fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.jsonValue());
    const element = fc.record(
      { ValidationErrors: fc.array(fc.record({ Message: fc.oneof(fc.string({ minLength: 1 }), member) })) },
      { requiredKeys: [] },
    );
    const body = fc.record(
      {
        ErrorNumber: fc.oneof(fc.integer(), member),
        Type: fc.oneof(fc.string({ minLength: 1 }), member),
        Message: member,
        Elements: fc.array(element),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(body, (b) => {
        const parsed = xeroApiExceptionSchema.safeParse(b);
        if (parsed.success && parsed.data.Type !== '' && parsed.data.Message !== '') {
          const all = messages(parsed.data.Elements ?? []);
          if (!all.includes('')) expect(readApiException(b)?.validationErrors).toEqual(all);
        }
        expect(() => readApiException(b)).not.toThrow();
        expect(() => readBatchOutcome(b)).not.toThrow();
      }),
      { seed: SEED },
    );
  });

  it('reads the code at the head of a problem detail, never a sentence', () => {
    expect(problemCode({ Detail: 'TokenExpired: token expired at 01/01/2001 00:00:00' })).toBe('TokenExpired');
    expect(problemCode({ detail: 'AuthenticationUnsuccessful' })).toBe('AuthenticationUnsuccessful');
    for (const detail of ['Validation error occurred.', 'Cannot process org xxx', '', 7]) {
      expect(problemCode({ detail }), String(detail)).toBeUndefined();
    }
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
