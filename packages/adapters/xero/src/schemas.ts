// The documented shapes of Xero's bodies. Not run in production (nothing under src/index.ts imports this
// file): `xero-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to
// these schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * Xero's error body. The scaffold's shape is `{ code, message? }`: replace it with the documented one, cite the
 * page or official SDK file it comes from in an `@see`, and change the reader to match.
 */
export const xeroErrorSchema = z.object({
  code: z.string(),
  message: z.optional(z.string()),
});
