import type { Adapter } from '../adapter/types';
import type { ApiError } from '../errors/api-error';
import { createApiError } from '../errors/kind-errors';
import type { Redactor } from '../errors/redact';
import type { Classification } from '../errors/types';
import type { HeaderMap } from './header-map';

/** What {@link buildApiError} needs beside the classification. */
export interface BuildErrorInput {
  readonly adapter: Adapter;
  readonly classification: Classification;
  readonly redactor: Redactor;
  readonly method: string;
  /** Already redacted. */
  readonly url: string;
  readonly status?: number | undefined;
  readonly headers?: HeaderMap | undefined;
  readonly body?: unknown;
  readonly attempts?: number | undefined;
  readonly cause?: unknown;
}

/** Turns a classification into the right {@link ApiError} subclass, redacting everything it keeps. */
export function buildApiError(input: BuildErrorInput): ApiError {
  const { classification: c, redactor } = input;
  return createApiError({
    kind: c.kind,
    provider: input.adapter.id,
    status: input.status,
    code: c.code === undefined ? undefined : redactor.text(c.code),
    detail: c.message === undefined ? undefined : redactor.text(c.message),
    retryable: c.retryable,
    retryAfterMs: c.retryAfterMs,
    // Header values, so possibly an echo of a credential like any other.
    requestId: c.requestId === undefined ? undefined : redactor.text(c.requestId),
    fieldErrors: c.fieldErrors.length === 0 ? [] : c.fieldErrors.map((f) => redactFieldError(f, redactor)),
    rateLimit:
      c.rateLimit?.scope === undefined ? c.rateLimit : { ...c.rateLimit, scope: redactor.text(c.rateLimit.scope) },
    request: { method: input.method, url: input.url },
    response:
      input.status === undefined
        ? undefined
        : () => ({
            status: input.status as number,
            headers: redactor.headers(input.headers ?? {}),
            body: redactor.body(input.body),
          }),
    attempts: input.attempts,
    possiblyProcessed: c.possiblyProcessed,
    cause: input.cause,
  });
}

function redactFieldError(f: Classification['fieldErrors'][number], redactor: Redactor) {
  return {
    path: redactor.text(f.path),
    message: redactor.text(f.message),
    ...(f.code === undefined ? {} : { code: redactor.text(f.code) }),
  };
}
