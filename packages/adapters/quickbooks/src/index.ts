export { quickbooks } from './adapter';
export { quickbooksUrl } from './base-url';
export { quickbooksBuilderQuota } from './limits';
export type {
  QuickbooksBatchFaults,
  QuickbooksFault,
  QuickbooksFaultError,
  QuickbooksItemFault,
} from './quickbooks-error-body';
export { quickbooksWarnings } from './quickbooks-warnings';
