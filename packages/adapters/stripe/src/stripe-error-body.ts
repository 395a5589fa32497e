// Stripe's error bodies, read by hand: zod would put 8 KB gzipped into every app bundle for these few
// members (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

type JsonObject = Readonly<Record<string, unknown>>;

/** Stripe documents every member as nullable and adds new ones: a member of another type reads as absent. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** The members of Stripe's error object that classification reads (`stripeErrorObjectSchema`). */
export interface StripeErrorObject {
  readonly type?: string | undefined;
  readonly code?: string | undefined;
  readonly decline_code?: string | undefined;
  readonly message?: string | undefined;
  readonly param?: string | undefined;
}

/** The object under `error` of an API error body (`{"error": {...}}`), or undefined for any other body. */
export function readStripeError(body: unknown): StripeErrorObject | undefined {
  const e = object(object(body)?.error);
  return (
    e && {
      type: text(e.type),
      code: text(e.code),
      decline_code: text(e.decline_code),
      message: text(e.message),
      param: text(e.param),
    }
  );
}

/** An OAuth error body (RFC 6749 §5.2, `stripeOAuthErrorBodySchema`): a string `error` code. */
export interface StripeOAuthErrorBody {
  readonly error: string;
  readonly error_description?: string | undefined;
}

/** `{"error": "invalid_grant", "error_description": "..."}`, or undefined for any other body. */
export function readStripeOAuthError(body: unknown): StripeOAuthErrorBody | undefined {
  const b = object(body);
  return typeof b?.error === 'string' ? { error: b.error, error_description: text(b.error_description) } : undefined;
}

/**
 * The card issuer's decline reason (`insufficient_funds`, `do_not_honor`, ...) from a Stripe error
 * body, or from anything carrying one at `response.body` (an `ApiError`). Undefined when absent.
 *
 * @example
 * if (isApiError(err) && err.kind === 'payment_required') showDecline(stripeDeclineCode(err));
 */
export function stripeDeclineCode(source: unknown): string | undefined {
  const body =
    typeof source === 'object' && source !== null && 'response' in source
      ? (source as { response?: { body?: unknown } }).response?.body
      : source;
  return readStripeError(body)?.decline_code;
}
