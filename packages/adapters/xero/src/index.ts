export { xero } from './adapter';
export type { XeroError } from './xero-error-body';
