export { github } from './adapter';
export type { GitHubFieldError, GitHubRestError } from './github-error-body';
