export { jira } from './adapter';
export { readJiraSdkError } from './jira-sdk-error';
export { jiraWarnings } from './jira-warnings';
export { jiraLimits } from './limits';
export type { JiraErrorCollection, JiraTask } from './jira-error-body';
