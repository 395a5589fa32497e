export { twilio } from './adapter';
export type { TwilioError } from './twilio-error-body';
