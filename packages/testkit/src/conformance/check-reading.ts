import { type Adapter, ERROR_KINDS, isApiError } from '@rosetta/core';

const KINDS: ReadonlySet<string> = new Set(ERROR_KINDS);

/**
 * The problems of a `normalizeResponse()` result that any response must avoid: not `null` nor an
 * `ApiError`, an unknown kind, a `retryAfterMs` that is not a finite number >= 0, a wrong provider or
 * status, a non-boolean `retryable`, a non-array `fieldErrors`, an error that cannot be serialized.
 * Empty when the result is sound.
 */
export function readingProblems(adapter: Adapter, status: number, result: unknown): string[] {
  if (result === null) return [];
  if (!isApiError(result)) return [`result is neither null nor an ApiError: ${String(result)}`];
  const problems: string[] = [];
  if (!KINDS.has(result.kind)) problems.push(`unknown kind ${JSON.stringify(result.kind)}`);
  const wait = result.retryAfterMs;
  if (wait !== undefined && !(typeof wait === 'number' && Number.isFinite(wait) && wait >= 0)) {
    problems.push(`retryAfterMs is ${String(wait)}, not a finite number >= 0`);
  }
  if (result.provider !== adapter.id) problems.push(`provider is ${result.provider}, not ${adapter.id}`);
  if (result.status !== status) problems.push(`status is ${String(result.status)}, not the ${status} received`);
  if (typeof result.retryable !== 'boolean') problems.push('retryable is not a boolean');
  if (!Array.isArray(result.fieldErrors)) problems.push('fieldErrors is not an array');
  if (typeof result.message !== 'string' || result.message === '') problems.push('message is empty');
  try {
    JSON.stringify(result);
  } catch (error) {
    problems.push(`JSON.stringify throws: ${(error as Error).message}`);
  }
  return problems;
}
