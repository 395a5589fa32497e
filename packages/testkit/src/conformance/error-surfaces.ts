import { inspect } from 'node:util';
import type { ApiError } from '@rosetta/core';

/**
 * Every text an `ApiError` can be turned into by product code, logging or a crash report, by name:
 * `message`, `stack`, `String()`, `JSON.stringify()`, `util.inspect()` (depth 10) and
 * `toProblemDetails()`. The error model promises that none of them holds a credential.
 */
export function errorSurfaces(error: ApiError): Record<string, string> {
  return {
    message: error.message,
    stack: error.stack ?? '',
    string: String(error),
    json: JSON.stringify(error),
    inspect: inspect(error, { depth: 10 }),
    problemDetails: JSON.stringify(error.toProblemDetails()),
  };
}

/** A value's `JSON.stringify()` and `util.inspect()` texts (depth 10), for event payloads. */
export function valueSurfaces(name: string, value: unknown): Record<string, string> {
  return {
    [`${name}:json`]: JSON.stringify(value) ?? '',
    [`${name}:inspect`]: inspect(value, { depth: 10 }),
  };
}
