// createApiError picks a kind's class by its position in ERROR_KINDS (kind-errors.ts): each kind must get its own.
import { describe, expect, it } from 'vitest';
import { createApiError } from '../../src/errors/kind-errors';
import { ERROR_KINDS } from '../../src/errors/kinds';

describe('createApiError', () => {
  it("builds each kind's own subclass", () => {
    const names = Object.fromEntries(
      ERROR_KINDS.map((kind) => [kind, createApiError({ kind, provider: 'p', retryable: false }).name]),
    );
    expect(names).toEqual({
      authentication: 'AuthenticationError',
      permission: 'PermissionError',
      not_found: 'NotFoundError',
      validation: 'ValidationError',
      conflict: 'ConflictError',
      payment_required: 'PaymentRequiredError',
      rate_limited: 'RateLimitError',
      quota_exceeded: 'QuotaExceededError',
      unavailable: 'UnavailableError',
      server: 'ServerError',
      timeout: 'RequestTimeoutError',
      network: 'NetworkError',
      aborted: 'AbortedError',
      unsupported: 'UnsupportedError',
      invalid_response: 'InvalidResponseError',
      unknown: 'UnknownApiError',
    });
  });
});
