// The documented shapes of HubSpot's error bodies. Not run in production (nothing under src/index.ts imports
// this file): `hubspot-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every
// fixture to these schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

// "The fields in the example response ... should all be treated as optional in any error parsing" (error-handling).
const text = z.optional(z.string());
/** `{ "propertyName": ["discount"] }`, `{ "requiredGranularScopes": [...] }`: lists of strings by name. */
const context = z.optional(z.record(z.string(), z.array(z.string())));

/**
 * One `errors[]` item: `{ message, code?, in?, subCategory?, context? }`.
 *
 * @see HubSpot/hubspot-api-nodejs codegen/crm/contacts/models/ErrorDetail.ts
 */
export const hubspotErrorDetailSchema = z.object({
  message: text,
  code: text,
  in: text,
  subCategory: text,
  context,
});

/**
 * A HubSpot error body: the standard error `{ status, message, correlationId, category, subCategory?, errors?,
 * context?, links? }` and the 429 body `{ status, message, errorType, correlationId, policyName, requestId }`.
 *
 * @see https://developers.hubspot.com/docs/api-reference/error-handling
 * @see https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines (the 429 format)
 * @see HubSpot/hubspot-api-nodejs codegen/crm/contacts/models/ModelError.ts
 */
export const hubspotErrorSchema = z.object({
  status: text,
  message: text,
  correlationId: text,
  category: text,
  subCategory: text,
  errorType: text,
  policyName: text,
  requestId: text,
  errors: z.optional(z.array(hubspotErrorDetailSchema)),
  /** The legacy v1 APIs' field errors (recorded: grouparoo/grouparoo plugins/@grouparoo/hubspot/__tests__/fixtures). */
  validationResults: z.optional(
    z.array(z.object({ isValid: z.optional(z.boolean()), message: text, error: text, name: text })),
  ),
  context,
  links: z.optional(z.record(z.string(), z.string())),
});

/**
 * A batch answer (200, 201 or 207 Multi-Status): `{ status, results[], numErrors?, errors?[] }`, `status` the job's
 * (`PENDING`, `PROCESSING`, `CANCELED`, `COMPLETE`), each `errors[]` item a standard error of one input.
 *
 * @see HubSpot/hubspot-api-nodejs codegen/crm/contacts/models/BatchResponseSimplePublicObjectWithErrors.ts
 */
export const hubspotBatchResponseSchema = z.object({
  status: z.enum(['PENDING', 'PROCESSING', 'CANCELED', 'COMPLETE']),
  results: z.array(z.unknown()),
  numErrors: z.optional(z.number()),
  errors: z.optional(z.array(hubspotErrorSchema)),
});
