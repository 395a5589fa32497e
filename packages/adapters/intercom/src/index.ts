export { INTERCOM_VERSION, intercom } from './adapter';
export type { IntercomError, IntercomErrorItem } from './intercom-error-body';
