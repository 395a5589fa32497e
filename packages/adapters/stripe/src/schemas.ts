// The documented shapes of Stripe's error bodies. Not run in production (nothing under src/index.ts imports
// this file): `stripe-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every
// fixture to these schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

// "Nullable" for every member, as the API reference lists them.
const text = z.optional(z.nullable(z.string()));

/**
 * Stripe's error object, the `error` member of every non-OAuth error body (API v1 and v2). Only the
 * members classification reads are declared; Stripe sends more (`charge`, `payment_intent`, ...).
 *
 * @see https://docs.stripe.com/api/errors
 * @see stripe/stripe-node src/Error.ts (`StripeError` fields)
 */
export const stripeErrorObjectSchema = z.object({
  /** `api_error`, `card_error`, `idempotency_error`, `invalid_request_error`; v2 adds its own. */
  type: text,
  /** Short machine code: `card_declined`, `resource_missing`, `rate_limit`, `lock_timeout`, ... */
  code: text,
  /** The card issuer's reason for a decline: `insufficient_funds`, `generic_decline`, ... */
  decline_code: text,
  message: text,
  /** The request parameter the error is about, in form-encoding syntax (`line_items[0][price]`). */
  param: text,
  doc_url: text,
});

/**
 * `{"error": {...}}`, the body of every Stripe API error.
 *
 * @example
 * stripeErrorBodySchema.safeParse({ error: { type: 'card_error', code: 'card_declined' } }).success; // true
 */
export const stripeErrorBodySchema = z.object({ error: stripeErrorObjectSchema });

/**
 * OAuth errors (`connect.stripe.com/oauth/token`, `/oauth/deauthorize`) follow RFC 6749 §5.2:
 * `error` is a string code and the text is in `error_description`.
 *
 * @see stripe/stripe-node src/RequestSender.ts (`typeof jsonResponse.error === 'string'`)
 * @see stripe/stripe-python stripe/_api_requestor.py (`specific_oauth_error`)
 */
export const stripeOAuthErrorBodySchema = z.object({
  error: z.string(),
  error_description: text,
});
