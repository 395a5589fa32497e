import type { Adapter } from '../adapter/types';
import type { ApiError } from '../errors/api-error';
import { createApiError } from '../errors/kind-errors';
import type { Redactor } from '../errors/redact';
import type { Classification } from '../errors/types';
import type { HeaderMap } from './header-map';

/** What {@link buildApiError} needs beside the classification. */
export interface BuildErrorInput {
  readonly adapter: Adapter;
  /** Already redacted: as `classifyResponse` returns it, or through {@link redactClassification}. */
  readonly classification: Classification;
  /** Redacts the kept response (headers, body) when it is first read. */
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

/** The {@link ApiError} subclass of a redacted classification; its response is redacted when first read. */
export function buildApiError(input: BuildErrorInput): ApiError {
  const { classification: c, redactor } = input;
  return createApiError({
    kind: c.kind,
    provider: input.adapter.id,
    status: input.status,
    code: c.code,
    detail: c.message,
    retryable: c.retryable,
    retryAfterMs: c.retryAfterMs,
    requestId: c.requestId,
    fieldErrors: c.fieldErrors,
    rateLimit: c.rateLimit,
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
