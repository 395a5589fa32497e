import { type Adapter, genericAdapter, normalizeResponse } from '@rosetta/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripe } from '../src/index';
import { readStripeError } from '../src/stripe-error-body';

// The hook tells Stripe's two error shapes apart by `body.error`. These properties pin that reading: whatever
// `error` holds, a string is OAuth, an object is Stripe's error object, anything else is core's.

const read = (adapter: Adapter, body: unknown) =>
  normalizeResponse(adapter, { status: 400, body, method: 'POST', url: `${stripe.baseUrl}/v1/charges` });

const member = fc.oneof(fc.jsonValue(), fc.string(), fc.dictionary(fc.string(), fc.jsonValue()));

describe('stripe error bodies, told apart by their error member', () => {
  it('reads a string error as an OAuth error, its code the string', () => {
    fc.assert(
      fc.property(fc.string(), fc.option(fc.string(), { nil: undefined }), (error, description) => {
        const body = description === undefined ? { error } : { error, error_description: description };
        const err = read(stripe, body);
        expect(err?.code).toBe(error);
        expect(err?.detail).toBe(description ?? error);
      }),
    );
  });

  it('reads an object error with Stripe rules, whatever its members hold', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('type', 'code', 'decline_code', 'message', 'param'), member),
        (error) => {
          const body = { error: { ...error, type: 'card_error' } };
          expect(readStripeError(body)).toBeDefined();
          // A card_error on a 4xx is a payment error to Stripe; core alone would call a 400 validation.
          expect(read(stripe, body)?.kind).toBe('payment_required');
        },
      ),
    );
  });

  it('leaves any other error member to core, as the generic adapter reads it', () => {
    const notStripe = fc.oneof(fc.constant(null), fc.integer(), fc.boolean(), fc.array(fc.jsonValue()));
    fc.assert(
      fc.property(notStripe, fc.dictionary(fc.string(), fc.jsonValue()), (error, rest) => {
        const body = { ...rest, error };
        const mine = read(stripe, body);
        const core = read(genericAdapter, body);
        expect(mine?.kind).toBe(core?.kind);
        expect(mine?.retryable).toBe(core?.retryable);
        expect(mine?.code).toBe(core?.code);
      }),
    );
  });
});

describe('lookup tables read own keys only', () => {
  it('an OAuth or v2 error named like an Object.prototype member keeps core defaults', async () => {
    const { normalizeResponse } = await import('@rosetta/core');
    const { stripe } = await import('../src/index');
    for (const name of ['constructor', 'hasOwnProperty', 'toString', '__proto__']) {
      const oauth = normalizeResponse(stripe, { status: 400, body: { error: name, error_description: 'x' } });
      expect(oauth?.kind).toBe('validation');
      const v2 = normalizeResponse(stripe, {
        status: 400,
        url: 'https://api.stripe.com/v2/core/events',
        body: { error: { type: name, message: 'x' } },
      });
      expect(v2?.kind).toBe('validation');
    }
  });
});
