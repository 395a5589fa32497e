export { xero } from './adapter';
export { xeroWarnings } from './xero-warnings';
export type { XeroApiException, XeroBatchOutcome } from './xero-error-body';
