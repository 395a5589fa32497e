export { airtable } from './adapter';
export { readAirtableSdkError } from './airtable-sdk-error';
export { airtableWarnings } from './airtable-warnings';
export { AIRTABLE_PENALTY_MS } from './classify-airtable';
export type { AirtableError } from './airtable-error-body';
