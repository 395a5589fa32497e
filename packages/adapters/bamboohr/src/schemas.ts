// The documented shapes of BambooHR's error bodies. Not run in production (nothing under src/index.ts imports this
// file): `bamboohr-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to
// these schemas and to that reader (docs/decisions/zod-at-runtime.md). Most legacy endpoints answer errors with an
// empty body and the message in a header (`x-bamboohr-error-message`); these are the bodies of the others.
import * as z from 'zod/mini';

/**
 * RFC 7807 problem details of the newer endpoints (`application/problem+json`), with BambooHR's `code` and a
 * `fields` map of field name to message.
 *
 * @see https://github.com/BambooHR/bhr-api-python/blob/main/bamboohr_sdk/models/problem_details_response.py
 */
export const bamboohrProblemSchema = z.object({
  type: z.optional(z.string()),
  title: z.optional(z.string()),
  status: z.optional(z.number()),
  detail: z.optional(z.string()),
  instance: z.optional(z.string()),
  code: z.optional(z.string()),
  fields: z.optional(z.record(z.string(), z.string())),
});

/**
 * `{ "error": { "code": 400, "message": "..." } }` of some v1 endpoints (the SDK's `BadRequest`/`BadRequestV1`).
 *
 * @see https://github.com/BambooHR/bhr-api-python/blob/main/docs/BadRequestV1.md (and BadRequestV1Error.md)
 */
export const bamboohrWrappedErrorSchema = z.object({
  error: z.object({ code: z.optional(z.number()), message: z.optional(z.string()) }),
});
