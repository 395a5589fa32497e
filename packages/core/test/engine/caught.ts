import type { ApiError } from '../../src/errors/api-error';
import { isApiError } from '../../src/errors/is-api-error';

/** The call's ApiError; anything else it throws, or a success, fails the test. */
export async function caught(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (isApiError(error)) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
