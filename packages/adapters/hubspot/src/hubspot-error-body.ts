// HubSpot's error bodies, read by hand: zod would put 8 KB gzipped into every app bundle for these few
// members (docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shapes, with their sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.
// HubSpot: "the fields ... should all be treated as optional in any error parsing" (error-handling docs), so
// every member is read on its own and a member of another type reads as absent.

type JsonObject = Readonly<Record<string, unknown>>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const object = (value: unknown): JsonObject | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;

/** `context` maps a name to a list of strings (`{"propertyName": ["discount"]}`); other values are dropped. */
export type HubSpotErrorContext = Readonly<Record<string, readonly string[]>>;

function context(value: unknown): HubSpotErrorContext | undefined {
  const c = object(value);
  if (c === undefined) return undefined;
  // No prototype: a `__proto__` or `constructor` key from JSON.parse stays a plain member, never a setter or a lookup hit.
  const out: Record<string, readonly string[]> = Object.create(null);
  for (const key of Object.keys(c)) {
    const list = c[key];
    if (Array.isArray(list)) out[key] = list.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** One item of `errors[]` (hubspot-api-nodejs codegen `ErrorDetail`). */
export interface HubSpotErrorDetail {
  readonly message?: string | undefined;
  readonly code?: string | undefined;
  /** The field or parameter the error is about (`_in` in the SDK, `in` on the wire). */
  readonly in?: string | undefined;
  readonly subCategory?: string | undefined;
  readonly context?: HubSpotErrorContext | undefined;
}

/**
 * The members of a HubSpot error body that classification reads: the standard error (codegen `Error`,
 * `{status, message, correlationId, category, subCategory, errors, context, links}`) and the 429 body of the
 * usage guidelines (`{status, message, errorType, correlationId, policyName, requestId}`).
 */
export interface HubSpotError {
  readonly status?: string | undefined;
  readonly message?: string | undefined;
  readonly correlationId?: string | undefined;
  /** `VALIDATION_ERROR`, `OBJECT_NOT_FOUND`, `CONFLICT`, `MISSING_SCOPES`, `RATE_LIMITS`, ... */
  readonly category?: string | undefined;
  readonly subCategory?: string | undefined;
  /** 429 bodies: `RATE_LIMIT`. */
  readonly errorType?: string | undefined;
  /** 429 bodies: `TEN_SECONDLY_ROLLING` or `DAILY`. */
  readonly policyName?: string | undefined;
  readonly errors: readonly HubSpotErrorDetail[];
  readonly context?: HubSpotErrorContext | undefined;
}

/** One `errors[]` item, or undefined for an item that is not an object. */
export function readHubSpotErrorDetail(item: unknown): HubSpotErrorDetail | undefined {
  const e = object(item);
  return (
    e && {
      message: text(e.message),
      code: text(e.code),
      in: text(e.in),
      subCategory: text(e.subCategory),
      context: context(e.context),
    }
  );
}

/** A HubSpot error body, or undefined for a body that is not an object. Items of the wrong shape are skipped. */
export function readHubSpotError(body: unknown): HubSpotError | undefined {
  const b = object(body);
  if (b === undefined) return undefined;
  const errors: HubSpotErrorDetail[] = [];
  if (Array.isArray(b.errors)) {
    for (const item of b.errors) {
      const detail = readHubSpotErrorDetail(item);
      if (detail !== undefined) errors.push(detail);
    }
  }
  // The legacy v1 APIs name invalid fields in `validationResults[]` (`{isValid, message, error, name}`), recorded in
  // grouparoo/grouparoo plugins/@grouparoo/hubspot/__tests__/fixtures/export/export-record.js: read as errors[] items.
  if (Array.isArray(b.validationResults)) {
    for (const item of b.validationResults) {
      const v = object(item);
      if (v !== undefined) errors.push({ message: text(v.message), code: text(v.error), in: text(v.name) });
    }
  }
  return {
    status: text(b.status),
    message: text(b.message),
    correlationId: text(b.correlationId),
    category: text(b.category),
    // The batch `StandardError` types `subCategory` as `any`: only a string is a usable code.
    subCategory: text(b.subCategory),
    errorType: text(b.errorType),
    policyName: text(b.policyName),
    errors,
    context: context(b.context),
  };
}
