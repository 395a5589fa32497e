import { adapterRedactor } from '../classify/classify-response';
import { normalizeResponse } from '../classify/normalize-response';
import type { ApiError } from '../errors/api-error';
import { isApiError } from '../errors/is-api-error';
import type { Redactor } from '../errors/redact';
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
    if (response === undefined) return null;
    const sent = sentCredentials(error, adapterRedactor(adapter));
    const secrets = [...(response.secrets ?? []), ...sent];
    return normalizeResponse(adapter, sent.length === 0 ? response : { ...response, secrets });
  } catch {
    return null;
  }
}

/**
 * The credential headers an SDK's error keeps of the request it failed on (axios' `config.headers`, Octokit's
 * `request.headers`, any `headers` a few levels down), whatever the adapter's `sdkError` reads: the answer may echo
 * them, and only they tell what to scrub.
 */
function sentCredentials(error: unknown, redactor: Redactor): string[] {
  const found: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (typeof value !== 'object' || value === null || depth > 3) return;
    for (const [key, member] of Object.entries(value)) {
      if (!/^_?headers$/i.test(key)) walk(member, depth + 1);
      else if (typeof member === 'object' && member !== null) {
        for (const [name, sent] of Object.entries(member)) {
          if (typeof sent === 'string' && redactor.isSecretHeader(name.toLowerCase())) found.push(sent);
        }
      }
    }
  };
  try {
    walk(error, 0);
  } catch {
    // A getter that throws ends the walk: what was found is still scrubbed.
  }
  return found;
}
