export { SALESFORCE_API_VERSION, salesforce, salesforceBaseUrl } from './adapter';
export { type SalesforceItemError, salesforceItemErrors } from './item-errors';
export type { SalesforceError } from './salesforce-error-body';
export { readSalesforceSdkError } from './salesforce-sdk-error';
