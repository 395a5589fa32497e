export { twilio } from './adapter';
export { type TwilioLocation, twilioUrl } from './base-url';
export type { TwilioError, TwilioErrorShape } from './twilio-error-body';
