export { intercom } from './adapter';
export type { IntercomError } from './intercom-error-body';
