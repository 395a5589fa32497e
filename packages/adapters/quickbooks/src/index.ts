export { quickbooks } from './adapter';
export { quickbooksUrl } from './base-url';
export { quickbooksBuilderQuota } from './limits';
export type {
  QuickbooksBatchFaults,
  QuickbooksFault,
  QuickbooksFaultError,
  QuickbooksItemFault,
} from './quickbooks-error-body';
export { readQuickbooksSdkError } from './quickbooks-sdk-error';
export { quickbooksWarnings } from './quickbooks-warnings';
