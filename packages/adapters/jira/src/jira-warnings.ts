import { describe, object, readBulkErrors, readErrorCollection, strings } from './jira-error-body';

/**
 * Warnings a successful Jira body carries, the parts of a call that succeeded that did not happen: per-issue failures of `POST /rest/api/3/issue/bulk`
 * (`errors[].elementErrors`), the transition a created issue did not take (`transition.errorCollection`),
 * `warningMessages` and search/jql `warnings[].message` beside results. Pure; `[]` for any other body.
 *
 * @example
 * jiraWarnings({ issues: [], errors: [{ failedElementNumber: 1, elementErrors: { errors: { summary: 'required' } } }] });
 * // ['element 1 failed: summary: required']
 */
export function jiraWarnings(body: unknown): string[] {
  const b = object(body);
  if (b === undefined) return [];
  const out: string[] = [];
  for (const { index, collection } of readBulkErrors(body)) {
    out.push(`element${index === undefined ? '' : ` ${index}`} failed: ${describe(collection) ?? 'no reason given'}`);
  }
  const transition = describe(readErrorCollection(object(b.transition)?.errorCollection));
  if (transition !== undefined) out.push(`transition not applied: ${transition}`);
  for (const warning of strings(b.warningMessages)) out.push(warning);
  // search/jql's experimental `warnings: [{type, message}]` (a clause over its argument limit, a truncated result).
  if (Array.isArray(b.warnings)) {
    for (const item of b.warnings.slice(0, 50)) {
      const w = object(item);
      if (typeof w?.message === 'string' && w.message !== '') out.push(w.message);
    }
  }
  return out;
}
