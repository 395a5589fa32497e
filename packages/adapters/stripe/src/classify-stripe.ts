// How Stripe's statuses, error types and codes read in Rosetta's model, in the order the official SDKs decide.
import type { ClassifyContext, ClassifyVerdict, ErrorKind, FieldError } from '@rosetta/core';
import { readStripeError, readStripeOAuthError, type StripeErrorObject } from './stripe-error-body';

/**
 * OAuth error codes (RFC 6749 §5.2, as the official SDKs type them). A bad or spent grant means
 * "reconnect the account"; the rest are mistakes in the request itself.
 */
const OAUTH_KINDS: Readonly<Record<string, ErrorKind>> = {
  invalid_grant: 'authentication',
  invalid_client: 'authentication',
  invalid_request: 'validation',
  invalid_scope: 'validation',
  unsupported_grant_type: 'validation',
  unsupported_response_type: 'validation',
};

/** API v2 (`/v2/...`) error types with a meaning of their own (stripe-node `generateV2Error`). */
const V2_KINDS: Readonly<Record<string, readonly [ErrorKind, boolean]>> = {
  rate_limit: ['rate_limited', true],
  quota_exceeded: ['quota_exceeded', false],
  already_exists: ['conflict', false],
  idempotency_error: ['conflict', false],
  temporary_session_expired: ['authentication', false],
  insufficient_funds: ['payment_required', false],
  feature_not_enabled: ['permission', false],
  blocked_by_stripe: ['permission', false],
};

/**
 * Turns Stripe's form-encoding parameter syntax into the dotted path of `FieldError.path`.
 *
 * @example
 * toFieldPath('line_items[0][price]'); // 'line_items.0.price'
 */
export function toFieldPath(param: string): string {
  return param
    .split(/[[\].]+/)
    .filter((part) => part !== '')
    .join('.');
}

function classifyOAuth(error: string, description: string | undefined): ClassifyVerdict {
  // Own keys only: an error named `constructor` or `hasOwnProperty` must not read Object.prototype.
  const kind = Object.hasOwn(OAUTH_KINDS, error) ? OAUTH_KINDS[error] : undefined;
  return {
    code: error,
    message: description ?? error,
    ...(kind === undefined ? {} : { kind, retryable: false }),
  };
}

/** Kind and retryability from status, `type` and `code`, in the order the official SDKs decide. */
function kindOf(ctx: ClassifyContext, e: StripeErrorObject): { kind: ErrorKind; retryable: boolean } | undefined {
  const { status } = ctx;
  const v2 = e.type === undefined || !Object.hasOwn(V2_KINDS, e.type) ? undefined : V2_KINDS[e.type];
  if (v2 !== undefined && ctx.path.startsWith('/v2/')) return { kind: v2[0], retryable: v2[1] };
  // A lock on the object, not load: retry soon, and do not slow every other call down.
  if (status === 429 && e.code === 'lock_timeout') return { kind: 'conflict', retryable: true };
  // Rate limits were once sent as 400s with code `rate_limit` (stripe-python, stripe-node generateV1Error).
  if (status === 429 || (status === 400 && e.code === 'rate_limit')) return { kind: 'rate_limited', retryable: true };
  // Reusing a key with other parameters: the same request can never succeed with that key.
  if (e.type === 'idempotency_error') return { kind: 'conflict', retryable: false };
  // An in-flight request with the same key or a concurrent change: the SDKs retry every 409.
  if (status === 409) return { kind: 'conflict', retryable: true };
  if (status === 402 || (e.type === 'card_error' && status >= 400 && status < 500)) {
    return { kind: 'payment_required', retryable: false };
  }
  // A dependency outside Stripe failed; the SDKs do not retry it unless Stripe-Should-Retry says so.
  if (status === 424) return { kind: 'unavailable', retryable: false };
  return undefined;
}

function messageOf(e: StripeErrorObject): string | undefined {
  if (e.decline_code === undefined || e.message?.includes(e.decline_code)) return e.message;
  return `${e.message ?? 'Card declined'} (decline_code: ${e.decline_code})`;
}

function fieldErrorsOf(e: StripeErrorObject, message: string | undefined): FieldError[] {
  if (e.param === undefined || e.param === '') return [];
  return [{ path: toFieldPath(e.param), message: message ?? '', ...(e.code === undefined ? {} : { code: e.code }) }];
}

/**
 * Stripe's own reading of a response, on top of core's defaults, as the official SDKs decide; never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifyStripe });
 */
export function classifyStripe(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return undefined;
  // Stripe's two error shapes: a string `error` (OAuth) or an object.
  const oauth = readStripeOAuthError(ctx.body);
  if (oauth !== undefined) return classifyOAuth(oauth.error, oauth.error_description);
  const e = readStripeError(ctx.body);
  const decided = kindOf(ctx, e ?? {});
  // No Stripe body (a CDN's HTML page, an empty 424): the status is all there is.
  if (e === undefined) return decided;
  const kind = decided?.kind ?? ctx.defaults.kind;
  const message = messageOf(e);
  // Without a code, the type is Stripe's most specific word (`idempotency_error`, `api_error`).
  const code = e.code ?? e.type;
  // No `...decided` first: a spread followed by more members costs microseconds on Node 20. Core's own
  // retryability stands when Stripe's rules decide nothing, as it would with `retryable` left out.
  return {
    kind,
    retryable: decided?.retryable ?? ctx.defaults.retryable,
    ...(code === undefined ? {} : { code }),
    ...(message === undefined ? {} : { message }),
    fieldErrors: kind === 'validation' ? fieldErrorsOf(e, e.message) : [],
  };
}
