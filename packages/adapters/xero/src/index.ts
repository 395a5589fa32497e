export { xero } from './adapter';
export { readXeroSdkError } from './xero-sdk-error';
export { xeroWarnings } from './xero-warnings';
export type { XeroApiException, XeroBatchOutcome } from './xero-error-body';
