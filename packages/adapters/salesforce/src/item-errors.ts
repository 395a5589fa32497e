import type { ErrorKind } from '@rosetta/core';
import { kindOfCode } from './classify-salesforce';
import { readErrorList, type SalesforceError } from './salesforce-error-body';

/** One failed record or subrequest of a 2xx answer, in Rosetta's words. */
export interface SalesforceItemError {
  /** Position in the answer's list (records, `compositeResponse`, batch `results`). */
  readonly index: number;
  /** The subrequest's `referenceId` (Composite). */
  readonly referenceId?: string | undefined;
  /** The subrequest's HTTP status (Composite `httpStatusCode`, Batch `statusCode`); absent for a record's result. */
  readonly status?: number | undefined;
  /** The code read as an error kind; `unknown` for a code without a meaning of its own. */
  readonly kind: ErrorKind;
  readonly code?: string | undefined;
  readonly message?: string | undefined;
  readonly fields: readonly string[];
  /**
   * Not an error of this item: it was rolled back or never run because another failed (`ALL_OR_NONE_OPERATION_ROLLED_BACK`,
   * `PROCESSING_HALTED`). Look for the item whose `rolledBack` is false.
   */
  readonly rolledBack: boolean;
}

const ROLLED_BACK = new Set(['ALL_OR_NONE_OPERATION_ROLLED_BACK', 'PROCESSING_HALTED']);
// A subrequest's status, read as core's status table reads it (packages/core/src/classify/status-table.ts).
const STATUS_KINDS: Readonly<Record<number, ErrorKind>> = {
  400: 'validation',
  401: 'authentication',
  403: 'permission',
  404: 'not_found',
  409: 'conflict',
  412: 'conflict',
  500: 'server',
  503: 'unavailable',
};
type JsonObject = Readonly<Record<string, unknown>>;
const object = (v: unknown): JsonObject | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;

function item(
  index: number,
  e: SalesforceError,
  extra: { referenceId?: string; status?: number },
): SalesforceItemError {
  const code = e.errorCode;
  const status = extra.status;
  const byStatus = status === undefined || !Object.hasOwn(STATUS_KINDS, status) ? undefined : STATUS_KINDS[status];
  return {
    index,
    referenceId: extra.referenceId,
    status,
    kind: kindOfCode(code)?.[0] ?? byStatus ?? 'unknown',
    code,
    message: e.message,
    fields: e.fields,
    rolledBack: code !== undefined && ROLLED_BACK.has(code),
  };
}

/** A subrequest's result: its first error when its status is 4xx/5xx, else the failed records of a nested collection. */
function subrequest(out: SalesforceItemError[], index: number, status: unknown, body: unknown, referenceId: unknown) {
  const extra = {
    ...(typeof referenceId === 'string' ? { referenceId } : {}),
    ...(typeof status === 'number' ? { status } : {}),
  };
  if (typeof status === 'number' && status >= 400) {
    const e = readErrorList(body)[0];
    out.push(item(index, e ?? { fields: [] }, extra));
  } else if (Array.isArray(body)) {
    for (const nested of collectionErrors(body)) out.push({ ...nested, ...extra, index });
  }
}

function collectionErrors(list: readonly unknown[]): SalesforceItemError[] {
  const out: SalesforceItemError[] = [];
  list.forEach((result, index) => {
    const r = object(result);
    if (r?.success !== false) return;
    const e = readErrorList(r.errors)[0];
    out.push(item(index, e ?? { fields: [] }, {}));
  });
  return out;
}

/**
 * The failed items of a successful (2xx) answer, which Rosetta returns as data, as jsforce does: sObject Collections
 * (`[{id, success: false, errors: [{statusCode, message, fields}]}]`, all `success: false` with `allOrNone`), Composite
 * (`compositeResponse[].httpStatusCode` 4xx/5xx, `PROCESSING_HALTED`) and Composite Batch (`results[].statusCode`).
 * One entry per failed item (its first error); empty for any other body.
 *
 * @example
 * const results = await client.post('/composite/sobjects', { body: { allOrNone: false, records } });
 * for (const failed of salesforceItemErrors(results)) if (!failed.rolledBack) report(failed.index, failed.message);
 */
export function salesforceItemErrors(body: unknown): SalesforceItemError[] {
  if (Array.isArray(body)) return collectionErrors(body);
  const b = object(body);
  const out: SalesforceItemError[] = [];
  if (Array.isArray(b?.compositeResponse)) {
    b.compositeResponse.forEach((sub, i) => {
      const s = object(sub);
      subrequest(out, i, s?.httpStatusCode, s?.body, s?.referenceId);
    });
  } else if (Array.isArray(b?.results) && b.hasErrors === true) {
    b.results.forEach((sub, i) => {
      const s = object(sub);
      subrequest(out, i, s?.statusCode, s?.result, undefined);
    });
  }
  return out;
}
