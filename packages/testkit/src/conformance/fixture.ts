import type { ErrorKind, FieldError } from '@rosetta/core';

/**
 * One recorded provider behaviour, checked against the provider's docs or official SDK.
 * Stored as JSON under an adapter's `test/fixtures/`; the conformance suite and the provider
 * simulator both read it.
 */
export interface AdapterFixture {
  /** Short unique name, e.g. `card-declined`. */
  readonly name: string;
  /** Where the shape comes from: a docs URL and/or `owner/repo path/to/file.ts` of the official SDK. */
  readonly source: string;
  /** Optional notes: what is verified and what is inferred. */
  readonly notes?: string;
  /** The request that provoked the response. */
  readonly request: { readonly method: string; readonly path: string };
  /** Evaluation time for reset-header arithmetic (ISO-8601); `retryAfterMs` is computed against it. */
  readonly now?: string;
  /** What the provider answered. */
  readonly response: {
    readonly status: number;
    readonly headers?: Readonly<Record<string, string>>;
    /** Parsed JSON, or text: a non-JSON body, or a recording's JSON kept byte for byte (read it with `fixtureBody`). */
    readonly body?: unknown;
  };
  /** The normalized reading; `null` means a success. */
  readonly expected: null | {
    readonly kind: ErrorKind;
    readonly code?: string;
    readonly retryable: boolean;
    readonly retryAfterMs?: number;
    readonly requestId?: string;
    readonly fieldErrors?: readonly FieldError[];
    /** A substring the error message must contain. */
    readonly messageIncludes?: string;
    /** The adapter reads it as a refusal the provider documents as not applied (`notProcessed`): resent, any method. */
    readonly notProcessed?: boolean;
    /** The adapter caps this answer's resends (`maxRetries` in its verdict, a documented "resubmit once"). */
    readonly maxRetries?: number;
  };
}
