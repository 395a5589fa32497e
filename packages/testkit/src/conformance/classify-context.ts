import type { ClassifyContext } from '@rosetta/core';

/** What a test names of a {@link ClassifyContext}: the request URL, and any member it does not want defaulted. */
export type ClassifyContextInput = Partial<ClassifyContext> & { readonly url: string };

/**
 * A `ClassifyContext` for calling an adapter's `classify` hook directly, in one place so that a new member of the
 * context is added once and not in every adapter's tests. Unless given: a `GET` answered 200 with no headers, no body
 * and no header readings, `path` the URL's path (give it when the URL is not absolute), `now` 0, and `defaults` as core
 * reads an answer it does not recognize: `null` for a 2xx, else a `validation` error that is not retried.
 *
 * @example
 * classify(classifyContext({ url: 'https://api.notion.com/v1/pages/FAKE', status: 429, body }));
 */
export function classifyContext(input: ClassifyContextInput): ClassifyContext {
  const status = input.status ?? 200;
  return {
    status,
    headers: {},
    body: undefined,
    method: 'GET',
    path: input.path ?? new URL(input.url).pathname,
    readings: { retryAfterMs: undefined, rateLimit: undefined, requestId: undefined, retryHint: undefined },
    defaults: status < 300 ? null : { kind: 'validation', retryable: false, fieldErrors: [] },
    now: 0,
    ...input,
  };
}
