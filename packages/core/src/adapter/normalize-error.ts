import { normalizeResponse } from '../classify/normalize-response';
import type { ApiError } from '../errors/api-error';
import { isApiError } from '../errors/is-api-error';
import type { Adapter } from './types';

/**
 * Turns an error thrown by the provider's official SDK into an {@link ApiError}: the response the SDK error carries
 * (read by the adapter's `sdkError`) gets the same reading as {@link normalizeResponse}. An SDK error that wraps a
 * `client.fetch` rejection gives that call's own `ApiError` (found on its `cause` chain). `null` when the error is
 * neither, or when its response is not an error in Rosetta's reading, or when reading it throws (a `cause` getter or a
 * field the adapter's `sdkError` reads): it never throws.
 *
 * @example
 * try { await octokit.request('GET /repos/{owner}/{repo}', { owner, repo }); }
 * catch (err) { const apiError = normalizeError(github, err); if (apiError?.kind === 'rate_limited') ... }
 */
export function normalizeError(adapter: Adapter, error: unknown): ApiError | null {
  // Called in a catch block: a throw here would replace the error being handled.
  try {
    let link = error;
    for (let depth = 0; depth < 4 && link instanceof Error; depth++) {
      if (isApiError(link)) return link;
      link = link.cause;
    }
    const response = adapter.sdkError?.(error);
    return response === undefined ? null : normalizeResponse(adapter, response);
  } catch {
    return null;
  }
}
