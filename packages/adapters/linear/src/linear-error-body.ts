// Linear's members of a GraphQL error, read by hand on top of core's `readGraphqlErrors` (zod would put kilobytes
// into every app bundle: docs/decisions/zod-at-runtime.md). `schemas.ts` declares the same shape with its sources;
// test/body-schemas.test.ts holds every fixture to both, so the two cannot drift apart unnoticed.
import type { GraphqlErrorItem } from '@rosetta/core';

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** What Linear puts in one `errors[]` item's `extensions` (`linearGraphqlErrorSchema`), beside `message`. */
export interface LinearError {
  /** `errors[].message` ("Entity not found: Issue", "Rate limit exceeded ..."). */
  readonly message: string | undefined;
  /** `extensions.type`, the SDK's classification key: "ratelimited", "invalid input", "authentication error", ... */
  readonly type: string | undefined;
  /** `extensions.code`: `RATELIMITED`, `AUTHENTICATION_ERROR`, `INPUT_ERROR`, `GRAPHQL_VALIDATION_FAILED`, ... */
  readonly code: string | undefined;
  /** `extensions.userPresentableMessage`, the text the SDK shows first. */
  readonly userPresentableMessage: string | undefined;
  /** `extensions.statusCode`, the status Linear meant (429 on a rate limit sent as HTTP 400). */
  readonly statusCode: number | undefined;
  /** The GraphQL response path of the failed field; absent for request-level errors. */
  readonly path: readonly (string | number)[] | undefined;
}

/**
 * Linear's reading of one item core's `readGraphqlErrors` returned: a member of another type reads as absent.
 *
 * @example
 * readLinearError(readGraphqlErrors(body)!.errors[0]!).type; // 'ratelimited'
 */
export function readLinearError(item: GraphqlErrorItem): LinearError {
  const ext = item.extensions;
  const status = ext?.statusCode;
  return {
    message: item.message,
    type: text(ext?.type),
    code: item.code,
    userPresentableMessage: text(ext?.userPresentableMessage),
    statusCode: typeof status === 'number' ? status : undefined,
    path: item.path,
  };
}
