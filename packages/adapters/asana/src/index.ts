export { asana } from './adapter';
export type { AsanaError } from './asana-error-body';
