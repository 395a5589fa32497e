export { twilio } from './adapter';
export { type TwilioLocation, twilioUrl } from './base-url';
export { readTwilioSdkError } from './twilio-sdk-error';
export type { TwilioError, TwilioErrorShape } from './twilio-error-body';
