// How Xero's answers read in Rosetta's model beyond core's status table. It starts with the error body's code
// and message; add what the status cannot tell: errors inside a 2xx, codes that mean another kind than their
// status, "wait" (rate_limited) versus "quota spent" (quota_exceeded), a retry delay in the body.
import type { ClassifyContext, ClassifyVerdict } from '@rosetta/core';
import { readXeroError } from './xero-error-body';

/**
 * Xero's classify hook: the error body's `code` and `message` on top of core's reading of the status.
 * `undefined` keeps core's defaults (successes, and errors without a readable body).
 */
export function classifyXero(context: ClassifyContext): ClassifyVerdict | undefined {
  if (context.status < 400) return undefined;
  const error = readXeroError(context.body);
  if (error === undefined) return undefined;
  const { code, message } = error;
  return message === undefined ? { code } : { code, message };
}
