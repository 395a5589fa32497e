import type { ResponseInput } from '@rosetta/core';

/** The members of stripe-node's `StripeError` read here (stripe-node src/Error.ts, class StripeError). */
interface StripeErrorShape {
  readonly type: string;
  readonly statusCode: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly raw: Readonly<Record<string, unknown>>;
}

// stripe-node src/Error.ts: generateOAuthError makes these classes from an OAuth body `{ error, error_description }`.
const OAUTH = /^Stripe(?:OAuth|InvalidGrant|InvalidClient|InvalidScope|Unsupported)/;

/**
 * Reads a stripe-node `StripeError` (any class of its family) as the response it came from. stripe-node
 * (src/RequestSender.ts, `_jsonResponseHandler`) builds `raw` from the body's `error` object plus `headers`,
 * `statusCode` and `requestId`, and turns an OAuth body's `error`/`error_description` into `type`/`message`; this
 * undoes both. Errors without a status (connection errors, invalid JSON, webhook signatures) carry no response.
 */
export function readStripeSdkError(error: unknown): ResponseInput | undefined {
  const e = error as Partial<StripeErrorShape> | null;
  if (!(error instanceof Error) || typeof e?.type !== 'string' || typeof e.statusCode !== 'number') return undefined;
  if (typeof e.raw !== 'object' || e.raw === null) return undefined;
  const { headers: _headers, statusCode: _status, requestId: _id, ...fields } = e.raw;
  return {
    status: e.statusCode,
    // Only API v2 errors have classes outside the `Stripe*` names (src/Error.ts generateV2Error); their reading
    // depends on the path (`/v2/...`), which the error does not keep.
    ...(e.type.startsWith('Stripe') ? {} : { url: 'https://api.stripe.com/v2/' }),
    ...(e.headers === undefined ? {} : { headers: e.headers }),
    body: OAUTH.test(e.type) ? { error: fields.type, error_description: fields.message } : { error: fields },
  };
}
