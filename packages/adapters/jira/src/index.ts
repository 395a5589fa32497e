export { jira } from './adapter';
export { jiraWarnings } from './jira-warnings';
export { jiraLimits } from './limits';
export type { JiraErrorCollection, JiraTask } from './jira-error-body';
