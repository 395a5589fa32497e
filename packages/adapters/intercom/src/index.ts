export { INTERCOM_VERSION, intercom } from './adapter';
export { readIntercomSdkError } from './intercom-sdk-error';
export type { IntercomError, IntercomErrorItem } from './intercom-error-body';
