// The documented shapes of Google's bodies. Not run in production (nothing under src/index.ts imports this file):
// core's `readGoogleRpcStatus` and `readOAuthError` read the same members by hand, and test/body-schemas.test.ts
// holds every fixture to these schemas and to those readers (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

const TYPE = 'type.googleapis.com/google.rpc.';

/**
 * One `details` item: a `google.protobuf.Any` in JSON, `@type` plus the message's members. The standard payloads
 * (ErrorInfo, RetryInfo, QuotaFailure, BadRequest, RequestInfo, LocalizedMessage, Help, ...) are checked where the
 * reader depends on them; others pass as they are.
 *
 * @see googleapis/googleapis google/rpc/error_details.proto
 */
export const googleDetailSchema = z.union([
  z.object({
    '@type': z.literal(`${TYPE}ErrorInfo`),
    reason: z.string(),
    domain: z.optional(z.string()),
    metadata: z.optional(z.record(z.string(), z.string())),
  }),
  z.object({ '@type': z.literal(`${TYPE}RetryInfo`), retryDelay: z.string().check(z.regex(/^\d+(\.\d+)?s$/)) }),
  z.object({
    '@type': z.literal(`${TYPE}QuotaFailure`),
    violations: z.array(
      z.object({
        subject: z.optional(z.string()),
        description: z.optional(z.string()),
        quotaMetric: z.optional(z.string()),
        quotaId: z.optional(z.string()),
      }),
    ),
  }),
  z.object({
    '@type': z.literal(`${TYPE}BadRequest`),
    fieldViolations: z.array(z.object({ field: z.string(), description: z.string(), reason: z.optional(z.string()) })),
  }),
  z.object({ '@type': z.literal(`${TYPE}RequestInfo`), requestId: z.string(), servingData: z.optional(z.string()) }),
  z.object({ '@type': z.literal(`${TYPE}LocalizedMessage`), locale: z.string(), message: z.string() }),
  z.object({
    '@type': z
      .string()
      .check(z.refine((t) => !/\.(ErrorInfo|RetryInfo|QuotaFailure|BadRequest|RequestInfo|LocalizedMessage)$/.test(t))),
  }),
]);

/**
 * One item of the Workspace legacy `errors[]` (Drive, Calendar, Gmail).
 *
 * @see https://developers.google.com/workspace/calendar/api/guides/errors
 * @see https://developers.google.com/workspace/gmail/api/guides/handle-errors
 */
export const googleLegacyErrorSchema = z.object({
  domain: z.optional(z.string()),
  reason: z.string(),
  message: z.optional(z.string()),
  locationType: z.optional(z.string()),
  location: z.optional(z.string()),
  extendedHelp: z.optional(z.string()),
});

/**
 * Google's error envelope: AIP-193's HTTP/1.1+JSON form of `google.rpc.Status` (`code` is the HTTP status, `status`
 * the canonical name), the legacy form (`errors[]`, no `status`), or both at once (Gmail and Drive send hybrids).
 *
 * @see https://google.aip.dev/193#http11json-representation
 */
export const googleErrorSchema = z.object({
  error: z.object({
    code: z.int(),
    message: z.string(),
    status: z.optional(z.string().check(z.regex(/^[A-Z_]+$/))),
    details: z.optional(z.array(googleDetailSchema)),
    errors: z.optional(z.array(googleLegacyErrorSchema)),
  }),
});

/**
 * A long-running operation (`google.longrunning.Operation`): `done` with either `response` or `error`, whose `code`
 * is the canonical number (code.proto), not an HTTP status.
 *
 * @see googleapis/googleapis google/longrunning/operations.proto ; https://google.aip.dev/151
 */
export const googleOperationSchema = z.object({
  name: z.string(),
  done: z.optional(z.boolean()),
  error: z.optional(z.object({ code: z.int().check(z.gte(0), z.lte(16)), message: z.optional(z.string()) })),
  response: z.optional(z.unknown()),
  metadata: z.optional(z.unknown()),
});

/**
 * An OAuth 2.0 error from oauth2.googleapis.com/token (RFC 6749 §5.2).
 *
 * @see googleapis/google-auth-library-nodejs src/auth/oauth2common.ts (OAuthErrorResponse)
 */
export const googleOAuthErrorSchema = z.object({
  error: z.string(),
  error_description: z.optional(z.string()),
  error_uri: z.optional(z.string()),
});
