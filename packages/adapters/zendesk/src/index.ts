export { zendesk } from './adapter';
export { zendeskUrl } from './base-url';
export { readZendeskSdkError } from './zendesk-sdk-error';
export { zendeskWarnings } from './zendesk-warnings';
export type { ZendeskError, ZendeskFieldError, ZendeskJobStatus } from './zendesk-error-body';
