import { readBatchFaults } from './quickbooks-error-body';

/** Warnings listed at most, so that a batch of failures cannot flood the event stream. */
const MAX_WARNINGS = 30;

/**
 * Warnings a successful QuickBooks body carries: each failed item of a partly failed batch or upload answer
 * (`BatchItemResponse` / `AttachableResponse` items with a `Fault`), as `batch item <bId>: <code> <message>`. The
 * answer stays a success because its other items were committed; the warning is the only trace of the failures
 * for code that does not read every item. Pure; `[]` otherwise.
 *
 * @see https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/batch
 * @example
 * quickbooksWarnings({ BatchItemResponse: [{ bId: '1', Customer: {} }, { bId: '2', Fault: { Error: [{ code: '6240', Message: 'Duplicate Name Exists Error' }] } }] });
 * // ['batch item 2: 6240 Duplicate Name Exists Error']
 */
export function quickbooksWarnings(body: unknown): string[] {
  const batch = readBatchFaults(body);
  if (batch === undefined || batch.faults.length === batch.items) return [];
  return batch.faults.slice(0, MAX_WARNINGS).map(({ bId, fault }) => {
    const e = fault.errors[0];
    const what = [e?.code, e?.message].filter((s) => s !== undefined).join(' ');
    return `batch item ${bId ?? '?'}: ${what === '' ? 'Fault' : what}`;
  });
}
