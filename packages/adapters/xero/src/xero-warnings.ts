import { readBatchOutcome } from './xero-error-body';

/**
 * Warnings a successful Xero body carries: a `summarizeErrors=false` batch in which some elements failed validation
 * ("you'll always receive a HTTP 200 response even though some of the elements may have failed"). The answer is a
 * success (the other elements were saved); the warning is the only trace of the refused ones. A batch in which every
 * element failed is an error (see `classifyXero`). Pure; `[]` otherwise.
 *
 * @see https://developer.xero.com/documentation/api/http-response-codes (HTTP 200 OK)
 * @example
 * xeroWarnings({ Invoices: [{ StatusAttributeString: 'OK' }, { StatusAttributeString: 'ERROR',
 *   ValidationErrors: [{ Message: 'Invoice # must be unique.' }] }] });
 * // ['1 of 2 elements failed validation: Invoice # must be unique.']
 */
export function xeroWarnings(body: unknown): string[] {
  const batch = readBatchOutcome(body);
  if (batch === undefined || batch.failed === 0 || batch.failed === batch.total) return [];
  const first = batch.messages[0];
  return [`${batch.failed} of ${batch.total} elements failed validation${first === undefined ? '' : `: ${first}`}`];
}
