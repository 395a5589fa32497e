export { asana } from './adapter';
export { readSyncToken } from './asana-error-body';
export { readAsanaSdkError } from './asana-sdk-error';
export type { AsanaError, AsanaJob } from './asana-error-body';
export { asanaWarnings, readAsanaChanges } from './asana-warnings';
export type { AsanaChange } from './asana-warnings';
