import * as z from 'zod/mini';
import type { BucketDefinition } from '../limit/types';
import { validateBucket } from '../limit/validate-bucket';

function isBucket(value: unknown): boolean {
  try {
    validateBucket(value as BucketDefinition);
    return true;
  } catch {
    return false;
  }
}

/**
 * Builds the schema of an {@link AdapterDefinition}, checked by `defineAdapter()` so that a mistake in an
 * adapter fails at import time with the bad field named, not at the first request.
 */
function buildSchema() {
  const method = z.enum(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);
  const headerName = z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid HTTP header name'));
  const path = z.array(z.string());
  const nonNegative = z.number().check(z.nonnegative());
  const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');
  const url = z.string().check(
    z.refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'https:' || u.protocol === 'http:';
      } catch {
        return false;
      }
    }, 'must be an absolute http(s) URL'),
  );

  const auth = z.discriminatedUnion('type', [
    z.object({ type: z.literal('bearer') }),
    z.object({ type: z.literal('basic'), passwordDefault: z.optional(z.string()) }),
    z.object({ type: z.literal('header'), header: headerName, prefix: z.optional(z.string()) }),
    z.object({ type: z.literal('query'), param: z.string().check(z.minLength(1)) }),
  ]);

  const pagination = z.discriminatedUnion('type', [
    z.object({ type: z.literal('link'), itemsPath: z.optional(path) }),
    z.object({ type: z.literal('cursor'), cursorPath: path, cursorParam: z.string(), itemsPath: path }),
    z.object({
      type: z.literal('has-more'),
      hasMorePath: path,
      itemsPath: path,
      idField: z.string(),
      cursorParam: z.string(),
    }),
  ]);

  return z.object({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')),
    displayName: z.string().check(z.minLength(1)),
    docsUrl: z.optional(url),
    baseUrl: url,
    auth: z.optional(z.array(auth)),
    credentialHeaders: z.optional(z.array(headerName)),
    credentialParams: z.optional(z.array(z.string())),
    requestIdHeaders: z.optional(z.array(headerName)),
    retryHintHeaders: z.optional(z.array(headerName)),
    messageHeaders: z.optional(z.array(headerName)),
    rateLimitHeaders: z.optional(
      z.object({
        limit: z.optional(headerName),
        remaining: z.optional(headerName),
        reset: z.optional(headerName),
        resetUnit: z.optional(z.enum(['epoch-seconds', 'epoch-ms', 'seconds-until', 'ms-until', 'iso-8601', 'auto'])),
        scope: z.optional(headerName),
      }),
    ),
    trustedRedirectOrigins: z.optional(z.array(url)),
    bodyEncoding: z.optional(z.enum(['json', 'form'])),
    defaultHeaders: z.optional(z.record(headerName, z.string())),
    idempotency: z.optional(
      z.object({ header: headerName, methods: z.optional(z.array(method)), generate: z.optional(z.boolean()) }),
    ),
    throttleRefusesRequest: z.optional(z.object({ source: z.string().check(z.minLength(1)) })),
    classify: z.optional(fn),
    warnings: z.optional(fn),
    retry: z.optional(
      z.object({
        maxRetries: z.optional(z.number().check(z.int(), z.nonnegative())),
        baseDelayMs: z.optional(nonNegative),
        maxDelayMs: z.optional(nonNegative),
        maxRetryAfterMs: z.optional(nonNegative),
      }),
    ),
    limits: z.optional(z.array(z.custom<BucketDefinition>((v) => isBucket(v), 'must be a bucket definition'))),
    credentialTag: z.optional(fn),
    pagination: z.optional(pagination),
  });
}

let schema: ReturnType<typeof buildSchema> | undefined;

/**
 * The adapter-definition schema, built on first use: top-level schema construction would be a side effect that
 * keeps zod in bundles of apps that never call `defineAdapter()`.
 */
export function adapterDefinitionSchema(): ReturnType<typeof buildSchema> {
  schema ??= buildSchema();
  return schema;
}
