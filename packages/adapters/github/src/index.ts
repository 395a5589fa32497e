export { github } from './adapter';
export {
  type GitHubFieldError,
  type GitHubGraphqlBody,
  type GitHubGraphqlError,
  type GitHubRestError,
  githubFieldErrorSchema,
  githubGraphqlBodySchema,
  githubGraphqlErrorSchema,
  githubRestErrorSchema,
} from './schemas';
