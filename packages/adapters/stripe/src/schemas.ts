import * as z from 'zod/mini';

// Stripe documents every member of its error object as nullable and adds new ones over time, so a
// member of the wrong type must cost only that member, never the whole reading.
const lenientString = z.catch(z.optional(z.string()), undefined);

/**
 * Stripe's error object, the `error` member of every non-OAuth error body (API v1 and v2).
 * Only the members classification reads; everything else stays on `ApiError.response.body`.
 *
 * @see https://docs.stripe.com/api/errors
 * @see stripe/stripe-node src/Error.ts (`StripeError` fields)
 */
export const stripeErrorObjectSchema = z.object({
  /** `api_error`, `card_error`, `idempotency_error`, `invalid_request_error`; v2 adds its own. */
  type: lenientString,
  /** Short machine code: `card_declined`, `resource_missing`, `rate_limit`, `lock_timeout`, ... */
  code: lenientString,
  /** The card issuer's reason for a decline: `insufficient_funds`, `generic_decline`, ... */
  decline_code: lenientString,
  message: lenientString,
  /** The request parameter the error is about, in form-encoding syntax (`line_items[0][price]`). */
  param: lenientString,
  doc_url: lenientString,
});

/** One parsed Stripe error object. */
export type StripeErrorObject = z.infer<typeof stripeErrorObjectSchema>;

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
  error_description: lenientString,
});

/** One parsed Stripe OAuth error body. */
export type StripeOAuthErrorBody = z.infer<typeof stripeOAuthErrorBodySchema>;
