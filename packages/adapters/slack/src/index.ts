export { slack } from './adapter';
export type { SlackEnvelope } from './slack-envelope';
export { type SlackErrorRule, slackErrorRule } from './slack-error-rule';
export { slackFieldErrors } from './slack-field-errors';
export { slackWarnings } from './slack-warnings';
