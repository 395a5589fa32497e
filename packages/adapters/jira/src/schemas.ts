// The documented shapes of Jira Cloud's bodies. Not run in production (nothing under src/index.ts imports this file):
// `jira-error-body.ts` and `jira-warnings.ts` read the same members by hand, and test/body-schemas.test.ts holds every
// fixture to these schemas and to those readers (docs/decisions/zod-at-runtime.md).
import * as z from 'zod/mini';

/**
 * `ErrorCollection`, the body of Jira's REST errors: messages not tied to a field, and `{field: message}`.
 *
 * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes
 * @see MrRefactoring/jira.js src/cloud/models/errorCollection.ts (`ErrorCollectionSchema`)
 */
export const jiraErrorCollectionSchema = z.object({
  errorMessages: z.optional(z.array(z.string())),
  errors: z.optional(z.record(z.string(), z.string())),
  status: z.optional(z.number()),
});

/**
 * What Atlassian's API gateway (api.atlassian.com, OAuth 2.0 and scoped tokens) answers instead, e.g.
 * `{"code":401,"message":"Unauthorized; scope does not match"}`.
 *
 * @see MrRefactoring/jira.js src/core/errors/fromResponse.ts (`isScopeMismatch`)
 */
export const atlassianGatewayErrorSchema = z.object({ code: z.number(), message: z.string() });

/**
 * A long-running task (`GET /rest/api/3/task/{taskId}`): `status` moves from `ENQUEUED`/`RUNNING` to `COMPLETE`,
 * `FAILED`, `CANCELLED` or `DEAD`.
 *
 * @see MrRefactoring/jira.js src/cloud/models/taskProgressObject.ts (`TaskProgressObjectSchema`)
 */
export const jiraTaskSchema = z.object({
  id: z.string(),
  status: z.enum(['ENQUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'CANCEL_REQUESTED', 'CANCELLED', 'DEAD']),
  progress: z.number(),
  submitted: z.number(),
  message: z.optional(z.string()),
});

/**
 * `POST /rest/api/3/issue/bulk` (`CreatedIssues`): the issues created and, per failed element, its errors.
 *
 * @see MrRefactoring/jira.js src/cloud/models/createdIssues.ts, bulkOperationErrorResult.ts
 */
export const jiraCreatedIssuesSchema = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string(), self: z.string() })),
  errors: z.array(
    z.object({
      status: z.optional(z.number()),
      failedElementNumber: z.optional(z.number()),
      elementErrors: z.optional(jiraErrorCollectionSchema),
    }),
  ),
});

/**
 * A page of `GET /rest/api/3/search/jql` (`SearchAndReconcileResults`): `nextPageToken` until `isLast`.
 *
 * @see MrRefactoring/jira.js src/cloud/models/searchAndReconcileResults.ts
 */
export const jiraSearchPageSchema = z.object({
  issues: z.array(z.unknown()),
  isLast: z.optional(z.boolean()),
  nextPageToken: z.optional(z.nullable(z.string())),
  warnings: z.optional(z.array(z.object({ type: z.optional(z.string()), message: z.optional(z.string()) }))),
});
