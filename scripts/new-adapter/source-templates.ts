import { type AdapterNames, tsString } from './names';

/**
 * The `src/` of a new adapter: a declarative `defineAdapter` with placeholders that compile and pass validation,
 * a classify hook and a plain body reader for a placeholder error body, its zod schema (tests only), and one
 * limit bucket whose `source` is not a URL yet, so that the scaffold's limits test fails until it is cited.
 */
export function sourceFiles(n: AdapterNames): Record<string, string> {
  const { id, camel, pascal, display } = n;
  return {
    'src/index.ts': `export { ${camel} } from './adapter';
export type { ${pascal}Error } from './${id}-error-body';
`,
    'src/adapter.ts': `import { defineAdapter } from '@rosetta/core';
import { classify${pascal} } from './classify-${id}';
import { ${camel}Limits } from './limits';

/**
 * The ${display} API in Rosetta's error model. See \`docs/providers/${id}.md\`.
 *
 * @example
 * const client = createClient(${camel}, { auth: { token: process.env.${n.env}_TOKEN } });
 * const answer = await client.get('/');
 */
export const ${camel} = defineAdapter({
  id: ${tsString(id)},
  displayName: ${tsString(display)},
  baseUrl: ${tsString(n.baseUrl)},
  // The provider's credential schemes, most usual first: bearer, basic, header (a named header), query.
  auth: [{ type: 'bearer' }],
  // Declare here what the provider documents, each with its source in a comment (docs/writing-an-adapter.md,
  // "The contract"): docsUrl, requestIdHeaders, rateLimitHeaders, retryHintHeaders, idempotency, defaultHeaders,
  // retry (the official SDK's backoff), throttleRefusesRequest, pagination, warnings.
  limits: ${camel}Limits,
  classify: classify${pascal},
});
`,
    [`src/classify-${id}.ts`]: `// How ${display}'s answers read in Rosetta's model beyond core's status table. It starts with the error body's code
// and message; add what the status cannot tell: errors inside a 2xx, codes that mean another kind than their
// status, "wait" (rate_limited) versus "quota spent" (quota_exceeded), a retry delay in the body.
import type { ClassifyContext, ClassifyVerdict } from '@rosetta/core';
import { read${pascal}Error } from './${id}-error-body';

/**
 * ${display}'s classify hook: the error body's \`code\` and \`message\` on top of core's reading of the status.
 * \`undefined\` keeps core's defaults (successes, and errors without a readable body).
 */
export function classify${pascal}(context: ClassifyContext): ClassifyVerdict | undefined {
  if (context.status < 400) return undefined;
  const error = read${pascal}Error(context.body);
  if (error === undefined) return undefined;
  const { code, message } = error;
  return message === undefined ? { code } : { code, message };
}
`,
    [`src/${id}-error-body.ts`]: `// ${display}'s error body, read by hand: zod would put kilobytes into every app bundle for a few members
// (docs/decisions/zod-at-runtime.md). \`schemas.ts\` declares the same shape, with its source;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.

/** A member of another type reads as absent: one odd member costs that member only. */
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The members of ${display}'s error body that classification reads (\`${camel}ErrorSchema\`). */
export interface ${pascal}Error {
  readonly code: string;
  readonly message?: string | undefined;
}

/** \`{"code", "message"?}\`, or undefined for a body without a string \`code\` (a success, an HTML page). */
export function read${pascal}Error(body: unknown): ${pascal}Error | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const members = body as Readonly<Record<string, unknown>>;
  const code = text(members.code);
  return code === undefined ? undefined : { code, message: text(members.message) };
}
`,
    'src/schemas.ts': `// The documented shapes of ${display}'s bodies. Not run in production (nothing under src/index.ts imports this
// file): \`${id}-error-body.ts\` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to
// these schemas and to that reader (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * ${display}'s error body. The scaffold's shape is \`{ code, message? }\`: replace it with the documented one, cite the
 * page or official SDK file it comes from in an \`@see\`, and change the reader to match.
 */
export const ${camel}ErrorSchema = z.object({
  code: z.string(),
  message: z.optional(z.string()),
});
`,
    'src/limits.ts': `import type { BucketDefinition } from '@rosetta/core';

// The page of ${display}'s docs these numbers come from. test/limits.test.ts fails until it is an https URL
// (\`uncitedBuckets\`), so that a limit without its source never ships.
const DOCS = 'the https URL of the rate-limit page of the provider';

/**
 * ${display}'s documented limits, one bucket per limit (docs/writing-an-adapter.md, "Declaring limits"). The
 * scaffold's one bucket stands for the documented default: set its model and numbers from the cited page.
 *
 * @example
 * createClient(${camel}, { rateLimit: { buckets: { default: { ratePerSec: 5, burst: 5 } } } });
 */
export const ${camel}Limits: readonly BucketDefinition[] = [
  { id: 'default', model: 'token-bucket', ratePerSec: 10, burst: 10, source: DOCS },
];
`,
  };
}
