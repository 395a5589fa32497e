export { github } from './adapter';
export type { GitHubFieldError, GitHubGraphqlBody, GitHubGraphqlError, GitHubRestError } from './github-error-body';
