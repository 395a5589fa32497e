import * as z from 'zod/mini';
import type { HeaderMap } from '../classify/header-map';
import type { ResponseInput } from '../classify/normalize-response';
import type { ClassifyHook } from '../classify/types';
import type { BucketDefinition } from '../limit/types';
import { validateBucket } from '../limit/validate-bucket';

export type { ClassifyContext, ClassifyHook, ClassifyVerdict, HeaderReadings } from '../classify/types';

/**
 * Builds the zod/mini schema of an {@link AdapterDefinition}, the one description of the contract (the types below are
 * derived from it). A function, so nothing is built at import time and production bundles drop it with zod.
 */
export function buildDefinitionSchema() {
  const method = z.enum(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE']);
  const headerName = z.string().check(z.regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be a valid HTTP header name'));
  const headers = z.optional(z.array(headerName));
  const path = z.array(z.string());
  const nonNegative = z.optional(z.number().check(z.nonnegative()));
  const fn = <F>() => z.optional(z.custom<F>((v) => typeof v === 'function', 'must be a function'));
  const url = z.string().check(z.refine(isHttpUrl, 'must be an absolute http(s) URL'));
  return z.object({
    /** Package id and `ApiError.provider`, e.g. `'stripe'`. Lower-case letters, digits and dashes. */
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes')),
    displayName: z.string().check(z.minLength(1)),
    docsUrl: z.optional(url),
    /** @example 'https://api.stripe.com' */
    baseUrl: url,
    /**
     * Auth schemes the provider accepts; the first is used unless the client picks another. `bearer` and `basic`
     * use `Authorization` (`passwordDefault` defaults to `''`); `header` sends the credential as-is in a named
     * header; `query` sends it as a query parameter, redacted everywhere.
     */
    auth: z.optional(
      z.array(
        z.discriminatedUnion('type', [
          z.object({ type: z.literal('bearer') }),
          z.object({ type: z.literal('basic'), passwordDefault: z.optional(z.string()) }),
          z.object({ type: z.literal('header'), header: headerName, prefix: z.optional(z.string()) }),
          z.object({ type: z.literal('query'), param: z.string().check(z.minLength(1)) }),
        ]),
      ),
    ),
    /** Extra header names that carry secrets (beyond core's list and the auth scheme's). */
    credentialHeaders: headers,
    /** Extra query/body parameter names that carry secrets (`client_secret`, `refresh_token`). */
    credentialParams: z.optional(z.array(z.string())),
    /** Provider request-id headers, most specific first (`request-id`, `x-github-request-id`). */
    requestIdHeaders: headers,
    /** Server retry-hint headers with `true`/`false` values (`stripe-should-retry`); they win over everything. */
    retryHintHeaders: headers,
    /** Headers that carry the error message when the body is empty (BambooHR `x-bamboohr-error-message`). */
    messageHeaders: headers,
    /** Names of the rate-limit headers; `resetUnit` (default `auto`) says how the reset header counts time. */
    rateLimitHeaders: z.optional(
      z.object({
        limit: z.optional(headerName),
        remaining: z.optional(headerName),
        reset: z.optional(headerName),
        resetUnit: z.optional(z.enum(['epoch-seconds', 'epoch-ms', 'seconds-until', 'ms-until', 'iso-8601', 'auto'])),
        /** Header naming what the limit applies to (GitHub `x-ratelimit-resource`). */
        scope: z.optional(headerName),
      }),
    ),
    /** Other origins a redirect may go to; credentials are never sent there. */
    trustedRedirectOrigins: z.optional(z.array(url)),
    /** @default 'json' */
    bodyEncoding: z.optional(z.enum(['json', 'form'])),
    /** Headers sent on every request (API version pins, `Accept`). */
    defaultHeaders: z.optional(z.record(headerName, z.string())),
    /**
     * Where the provider reads an idempotency key: a `header`, or a query `param` (QuickBooks `requestid`), exactly
     * one; the methods it goes on (default `['POST']`), and whether Rosetta generates one (default true). A call's
     * key already in the query under `param` is the call's key.
     */
    idempotency: z.optional(
      z
        .object({
          header: z.optional(headerName),
          param: z.optional(z.string().check(z.minLength(1))),
          methods: z.optional(z.array(method)),
          generate: z.optional(z.boolean()),
        })
        .check(
          z.refine((i) => (i.header === undefined) !== (i.param === undefined), 'needs a header or a param, not both'),
        ),
    ),
    /**
     * The provider refuses throttled requests before any processing, so a `rate_limited` answer may be resent
     * whatever the method. Cite where the provider says so.
     */
    throttleRefusesRequest: z.optional(z.object({ source: z.string().check(z.minLength(1)) })),
    /**
     * Declares a POST or PATCH without an idempotency key safe to resend because the provider documents it as a read
     * (a GraphQL `query`: see `isGraphqlQuery`); cite the docs beside the hook. Anything but `true` (or a throw) leaves
     * the request unsafe: sent once, `possiblyProcessed` on a failure.
     */
    safeToRepeat: fn<(request: RepeatRequest) => boolean>(),
    classify: fn<ClassifyHook>(),
    /**
     * Reads an error thrown by the provider's official SDK as the response it carries (status, headers, body, and
     * the request's method and URL when it has them), for `normalizeError`; `undefined` when the error is not that
     * SDK's or carries no response. Duck-typed: an adapter never depends on the SDK. Cite the SDK's error class.
     */
    sdkError: fn<(error: unknown) => ResponseInput | undefined>(),
    /**
     * Warnings a successful response carries, in its body (Slack `response_metadata.warnings`) or its headers (Asana
     * `Asana-Change`, lower-cased names); emitted as `warning` events.
     */
    warnings: fn<(body: unknown, headers: HeaderMap) => readonly string[] | undefined>(),
    /** Retry defaults; users override them per client. */
    retry: z.optional(
      z.object({
        maxRetries: z.optional(z.number().check(z.int(), z.nonnegative())),
        baseDelayMs: nonNegative,
        maxDelayMs: nonNegative,
        maxRetryAfterMs: nonNegative,
      }),
    ),
    /** The provider's limits, one bucket each, with their documented numbers and sources; users override per client. */
    limits: z.optional(z.array(z.custom<BucketDefinition>(isBucket, 'must be a bucket definition'))),
    /** A non-secret tag of a credential (Stripe: `'test'` for `sk_test_` keys), read by buckets as `LimitRequest.credentialTag`. */
    credentialTag: fn<(credential: string) => string | undefined>(),
    /**
     * How list endpoints paginate: `link` (`Link: rel="next"`), `cursor` (a body cursor sent back as a query
     * parameter, Slack) or `has-more` (the last item's id as a query parameter, Stripe).
     */
    pagination: z.optional(
      z.discriminatedUnion('type', [
        z.object({ type: z.literal('link'), itemsPath: z.optional(path) }),
        z.object({ type: z.literal('cursor'), cursorPath: path, cursorParam: z.string(), itemsPath: path }),
        z.object({
          type: z.literal('has-more'),
          hasMorePath: path,
          itemsPath: path,
          idField: z.string(),
          cursorParam: z.string(),
        }),
      ]),
    ),
  });
}

function isHttpUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isBucket(value: unknown): boolean {
  try {
    validateBucket(value as BucketDefinition);
    return true;
  } catch {
    return false;
  }
}

/** Deeply readonly, optional members exact (zod types them `T | undefined`); functions and buckets kept as declared. */
type Declared<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends BucketDefinition
    ? T
    : T extends readonly (infer U)[]
      ? readonly Declared<U>[]
      : T extends object
        ? { readonly [K in keyof T]: Declared<Exclude<T[K], undefined>> }
        : T;

/** Everything an adapter declares: data plus pure hooks (an adapter never does I/O). */
export type AdapterDefinition = Declared<z.output<ReturnType<typeof buildDefinitionSchema>>>;
/** How a credential is attached to a request. */
export type AuthScheme = NonNullable<AdapterDefinition['auth']>[number];
/** Names of the rate-limit headers a provider sends, and the unit of its reset header. */
export type RateLimitHeaderNames = NonNullable<AdapterDefinition['rateLimitHeaders']>;
/** How a provider's reset header counts time. `auto` detects the unit from the value. */
export type ResetUnit = NonNullable<RateLimitHeaderNames['resetUnit']>;
/** Idempotency-key support: which header, on which methods, and whether Rosetta generates one. */
export type IdempotencyDefinition = NonNullable<AdapterDefinition['idempotency']>;
/** HTTP methods Rosetta sends. */
export type HttpMethod = NonNullable<IdempotencyDefinition['methods']>[number];
/** How a provider paginates list endpoints; drives `client.paginate()`. */
export type PaginationDescriptor = NonNullable<AdapterDefinition['pagination']>;
/** Retry defaults an adapter may declare; users override them per client. */
export type AdapterRetryDefaults = NonNullable<AdapterDefinition['retry']>;

/** What an adapter's `safeToRepeat` hook is asked about, once per call: a request not safe to repeat by its method. */
export interface RepeatRequest {
  /** Upper-case: `POST` or `PATCH`. */
  readonly method: string;
  /** The API path as documented (no query, no proxy prefix), as buckets and `classify` hooks see it. */
  readonly path: string;
  /** The body as the caller gave it, before encoding (for `client.fetch`, the SDK's JSON or form body decoded). */
  readonly body: unknown;
}

/** Brand that marks validated adapters; `Symbol.for` so it holds across duplicate installs. */
export const ADAPTER_BRAND: unique symbol = Symbol.for('rosetta.adapter');

/** A validated, frozen adapter as `defineAdapter()` returns it. */
export interface Adapter extends AdapterDefinition {
  readonly [ADAPTER_BRAND]: true;
}
