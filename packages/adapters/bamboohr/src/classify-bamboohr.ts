// How BambooHR's answers read in Rosetta's model beyond core's status table: the message in a header, problem
// details with field maps, 406 and 409 as BambooHR defines them, and the two meanings of a 429.
import type { ClassifyContext, ClassifyVerdict } from '@rosetta/core';
import { readBamboohrError, readHeaderMessage } from './bamboohr-error-body';

// https://documentation.bamboohr.com/docs/api-details (and the help centre's API error code definitions).
const NONEXISTENT_FIELDS = 'The request contains references to nonexistent fields';
const EMPLOYEE_LIMIT = 'The account has reached its employee limit and does not allow the addition of more employees';

/**
 * BambooHR's reading of a response, on top of core's defaults; never throws. No error arrives in a 2xx.
 *
 * - 406 "Not Acceptable": "The request contains references to nonexistent fields" — a validation error.
 * - 409: "The request attempts to create a duplicate" (an employee's email, a list value): no resend helps.
 * - 429 with `Retry-After`: throttling, since 2026-09-16 ("Every rate-limited response includes a `Retry-After`
 *   header"). A POST's 429 without one is the older meaning, "Limit Exceeded - The account has reached its employee
 *   limit": `quota_exceeded`, never retried.
 *
 * @example
 * defineAdapter({ ..., classify: classifyBamboohr });
 */
export function classifyBamboohr(ctx: ClassifyContext): ClassifyVerdict | undefined {
  if (ctx.defaults === null) return undefined;
  const body = readBamboohrError(ctx.body);
  const message = readHeaderMessage(ctx.headers) ?? body?.message;
  const named: ClassifyVerdict = {
    ...(body?.code === undefined ? {} : { code: body.code }),
    ...(message === undefined ? {} : { message }),
    ...(body === undefined || body.fieldErrors.length === 0 ? {} : { fieldErrors: body.fieldErrors }),
  };
  switch (ctx.status) {
    case 406:
      return { code: 'nonexistent_field', message: NONEXISTENT_FIELDS, ...named, kind: 'validation', retryable: false };
    case 409:
      return { code: 'duplicate', ...named, kind: 'conflict', retryable: false };
    case 429:
      if (ctx.readings.retryAfterMs === undefined && ctx.method === 'POST') {
        return { code: 'employee_limit', message: EMPLOYEE_LIMIT, ...named, kind: 'quota_exceeded', retryable: false };
      }
      return { ...named, kind: 'rate_limited', retryable: true };
    default:
      return named;
  }
}
