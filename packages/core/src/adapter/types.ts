import type { BucketDefinition } from '../limit/types';
import type { ClassifyHook } from '../classify/types';

export type { ClassifyContext, ClassifyHook, ClassifyVerdict, HeaderReadings } from '../classify/types';

/** HTTP methods Rosetta sends. */
export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How a provider's reset header counts time. `auto` detects the unit from the value. */
export type ResetUnit = 'epoch-seconds' | 'epoch-ms' | 'seconds-until' | 'ms-until' | 'iso-8601' | 'auto';

/**
 * How a credential is attached to a request.
 * - `bearer`: `Authorization: Bearer <token>`.
 * - `basic`: `Authorization: Basic base64(username:password)`; `password` defaults to `''`
 *   (`passwordDefault` lets an adapter declare e.g. BambooHR's `"x"`).
 * - `header`: the credential as-is in a named header (`X-API-Key`, `X-Shopify-Access-Token`).
 * - `query`: the credential as a query parameter (`?api_key=`), redacted everywhere.
 */
export type AuthScheme =
  | { readonly type: 'bearer' }
  | { readonly type: 'basic'; readonly passwordDefault?: string }
  | { readonly type: 'header'; readonly header: string; readonly prefix?: string }
  | { readonly type: 'query'; readonly param: string };

/** Names of the rate-limit headers a provider sends, and the unit of its reset header. */
export interface RateLimitHeaderNames {
  readonly limit?: string;
  readonly remaining?: string;
  readonly reset?: string;
  /** @default 'auto' */
  readonly resetUnit?: ResetUnit;
  /** Header naming what the limit applies to (GitHub `x-ratelimit-resource`). */
  readonly scope?: string;
}

/** Idempotency-key support: which header, on which methods, and whether Rosetta generates one. */
export interface IdempotencyDefinition {
  /** @example 'Idempotency-Key' */
  readonly header: string;
  /** @default ['POST'] */
  readonly methods?: readonly HttpMethod[];
  /** Generate a key (`crypto.randomUUID()`) when the caller gives none. @default true */
  readonly generate?: boolean;
}

/** How a provider paginates list endpoints; drives `client.paginate()`. */
export type PaginationDescriptor =
  | {
      /** `Link: <...>; rel="next"` (GitHub, many REST APIs). Items are the body (an array) or `itemsPath`. */
      readonly type: 'link';
      readonly itemsPath?: readonly string[];
    }
  | {
      /** A cursor in the body sent back as a query parameter (Slack `response_metadata.next_cursor`). */
      readonly type: 'cursor';
      readonly cursorPath: readonly string[];
      readonly cursorParam: string;
      readonly itemsPath: readonly string[];
    }
  | {
      /** `has_more` plus the last item's id as a query parameter (Stripe `starting_after`). */
      readonly type: 'has-more';
      readonly hasMorePath: readonly string[];
      readonly itemsPath: readonly string[];
      readonly idField: string;
      readonly cursorParam: string;
    };

/** Retry defaults an adapter may declare; users override them per client. */
export interface AdapterRetryDefaults {
  readonly maxRetries?: number;
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  readonly maxRetryAfterMs?: number;
}

/** Everything an adapter declares. Data plus pure hooks: an adapter never does I/O. */
export interface AdapterDefinition {
  /** Package id and `ApiError.provider`, e.g. `'stripe'`. Lower-case letters, digits and dashes. */
  readonly id: string;
  readonly displayName: string;
  readonly docsUrl?: string;
  /** @example 'https://api.stripe.com' */
  readonly baseUrl: string;
  /** Auth schemes the provider accepts; the first is used unless the client picks another. */
  readonly auth?: readonly AuthScheme[];
  /** Extra header names that carry secrets (beyond core's list and the auth scheme's). */
  readonly credentialHeaders?: readonly string[];
  /** Extra query/body parameter names that carry secrets (`client_secret`, `refresh_token`). */
  readonly credentialParams?: readonly string[];
  /** Provider request-id headers, most specific first (`request-id`, `x-github-request-id`). */
  readonly requestIdHeaders?: readonly string[];
  /** Server retry-hint headers with `true`/`false` values (`stripe-should-retry`); they win over everything. */
  readonly retryHintHeaders?: readonly string[];
  /** Headers that carry the error message when the body is empty (BambooHR `x-bamboohr-error-message`). */
  readonly messageHeaders?: readonly string[];
  readonly rateLimitHeaders?: RateLimitHeaderNames;
  /** Other origins a redirect may go to; credentials are never sent there. */
  readonly trustedRedirectOrigins?: readonly string[];
  /** @default 'json' */
  readonly bodyEncoding?: 'json' | 'form';
  /** Headers sent on every request (API version pins, `Accept`). */
  readonly defaultHeaders?: Readonly<Record<string, string>>;
  readonly idempotency?: IdempotencyDefinition;
  /**
   * The provider refuses throttled requests before any processing, so a `rate_limited` answer may be resent
   * whatever the method, POSTs included. Cite where the provider says so.
   * @example { source: 'https://www.twilio.com/docs/usage/rest-api-best-practices' }
   */
  readonly throttleRefusesRequest?: { readonly source: string };
  readonly classify?: ClassifyHook;
  /** Warnings a successful body carries (Slack `response_metadata.warnings`); emitted as `warning` events. */
  readonly warnings?: (body: unknown) => readonly string[] | undefined;
  readonly retry?: AdapterRetryDefaults;
  /** The provider's limits, one bucket each, with their documented numbers and sources; users override per client. */
  readonly limits?: readonly BucketDefinition[];
  /**
   * A non-secret tag of a credential, for limits that differ by kind of credential (Stripe: `'test'` for
   * `sk_test_` keys). Buckets read it as `LimitRequest.credentialTag`.
   */
  readonly credentialTag?: (credential: string) => string | undefined;
  readonly pagination?: PaginationDescriptor;
}

/** A validated, frozen adapter as `defineAdapter()` returns it. */
export interface Adapter extends AdapterDefinition {
  readonly [ADAPTER_BRAND]: true;
}

/** Brand that marks validated adapters; `Symbol.for` so it holds across duplicate installs. */
export const ADAPTER_BRAND: unique symbol = Symbol.for('rosetta.adapter');
