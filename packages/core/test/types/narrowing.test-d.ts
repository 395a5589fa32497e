import { describe, expectTypeOf, it } from 'vitest';
import {
  type ApiError,
  type ErrorKind,
  type FieldError,
  isApiError,
  type RateLimitError,
  type RateLimitInfo,
  createClient,
  genericAdapter,
} from '../../src/index';

describe('types', () => {
  it('isApiError narrows unknown to ApiError, and by kind', () => {
    const err: unknown = null;
    if (isApiError(err)) {
      expectTypeOf(err).toMatchTypeOf<ApiError>();
      expectTypeOf(err.kind).toEqualTypeOf<ErrorKind>();
      expectTypeOf(err.fieldErrors).toEqualTypeOf<readonly FieldError[]>();
      expectTypeOf(err.rateLimit).toEqualTypeOf<RateLimitInfo | undefined>();
      expectTypeOf(err.retryAfterMs).toEqualTypeOf<number | undefined>();
    }
    if (isApiError(err, 'rate_limited')) {
      expectTypeOf(err.kind).toEqualTypeOf<'rate_limited'>();
    }
  });

  it('a switch on kind is exhaustive', () => {
    const describe = (e: ApiError): string => {
      switch (e.kind) {
        case 'authentication':
        case 'permission':
        case 'not_found':
        case 'validation':
        case 'conflict':
        case 'payment_required':
        case 'rate_limited':
        case 'quota_exceeded':
        case 'unavailable':
        case 'server':
        case 'timeout':
        case 'network':
        case 'aborted':
        case 'unsupported':
        case 'invalid_response':
        case 'unknown':
          return e.kind;
        default: {
          const never: never = e.kind;
          return never;
        }
      }
    };
    expectTypeOf(describe).returns.toEqualTypeOf<string>();
  });

  it('subclasses are ApiErrors', () => {
    expectTypeOf<RateLimitError>().toMatchTypeOf<ApiError>();
  });

  it('the client returns the schema type, and unknown without one', () => {
    const client = createClient(genericAdapter, { baseUrl: 'http://127.0.0.1:1' });
    const schema = { '~standard': { validate: (v: unknown) => ({ value: v as { id: number } }) } };
    expectTypeOf(client.get('/x', { schema })).resolves.toEqualTypeOf<{ id: number }>();
    expectTypeOf(client.get('/x')).resolves.toEqualTypeOf<unknown>();
    // @ts-expect-error a kind that does not exist
    isApiError(null, 'teapot');
  });
});
