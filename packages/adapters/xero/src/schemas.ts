// The documented shapes of Xero's own bodies. Not run in production (nothing under src/index.ts imports this file):
// `xero-error-body.ts` reads the same members by hand, and test/body-schemas.test.ts holds every fixture to these
// schemas and to that reader (docs/decisions/zod-at-runtime.md). Problem details are core's reading, declared here
// only so that every fixture has a declared shape.
import * as z from 'zod/mini';

const validationErrors = z.optional(z.array(z.object({ Message: z.string() })));

/**
 * The Accounting API's `ApiException`: `ErrorNumber` 10 `ValidationException`, each element echoed back with its
 * `ValidationErrors` (and `Warnings`).
 *
 * @see XeroAPI/Xero-OpenAPI xero_accounting.yaml components.schemas.Error, Element, ValidationError
 * @see XeroAPI/xero-node src/gen/model/accounting/modelError.ts, element.ts
 */
export const xeroApiExceptionSchema = z.object({
  ErrorNumber: z.number(),
  Type: z.string(),
  Message: z.string(),
  Elements: z.optional(z.array(z.object({ ValidationErrors: validationErrors }))),
});

/**
 * RFC 9457 problem details as Xero sends them: lowercase (`type`, `title`, `status` as number or string, `detail`,
 * Payroll's `invalidFields: [{ name, reason }]`) or PascalCase (`Title`, `Status`, `Detail`, `Instance`).
 *
 * @see XeroAPI/Xero-OpenAPI xero-payroll-uk.yaml components.schemas.Problem, InvalidField; xero-finance.yaml Problem
 * @see https://developer.xero.com/documentation/oauth2/troubleshooting
 */
export const xeroProblemSchema = z.union([
  z.object({
    type: z.optional(z.string()),
    title: z.string(),
    status: z.union([z.number(), z.string()]),
    detail: z.optional(z.string()),
    instance: z.optional(z.string()),
    invalidFields: z.optional(z.array(z.object({ name: z.string(), reason: z.string() }))),
  }),
  z.object({
    Type: z.nullable(z.string()),
    Title: z.string(),
    Status: z.number(),
    Detail: z.optional(z.string()),
    Instance: z.optional(z.string()),
  }),
]);

/**
 * The Payroll envelope: `{ id, providerName, dateTimeUTC, httpStatusCode, pagination?, problem, <resource> }`;
 * `problem` is `null` on a success.
 *
 * @see XeroAPI/Xero-OpenAPI xero-payroll-uk.yaml paths./Employees.get responses.200 example
 * @see XeroAPI/xero-node src/gen/model/payroll-uk/employees.ts
 */
export const xeroPayrollEnvelopeSchema = z.object({
  id: z.string(),
  providerName: z.string(),
  dateTimeUTC: z.string(),
  httpStatusCode: z.string(),
  problem: z.nullable(xeroProblemSchema),
});

/**
 * The Accounting envelope of a success, `{ Id, Status, ProviderName, DateTimeUTC, <Resource>: [...] }`; with
 * `summarizeErrors=false` each element carries `StatusAttributeString` (`OK`, `WARNING`, `ERROR`) and its
 * `ValidationErrors`.
 *
 * @see XeroAPI/Xero-OpenAPI xero_accounting.yaml paths./BankTransactions.put responses.200 example
 */
export const xeroAccountingEnvelopeSchema = z.object({
  Id: z.string(),
  Status: z.string(),
  ProviderName: z.string(),
  DateTimeUTC: z.string(),
});

/** One element of a batch answer. */
export const xeroBatchElementSchema = z.object({
  StatusAttributeString: z.optional(z.enum(['OK', 'WARNING', 'ERROR'])),
  HasErrors: z.optional(z.boolean()),
  ValidationErrors: validationErrors,
});

/**
 * An OAuth 2.0 error of the identity server (`identity.xero.com/connect/token`) or a 401: `{ error }`.
 *
 * @see https://developer.xero.com/documentation/oauth2/troubleshooting
 */
export const xeroOAuthErrorSchema = z.object({ error: z.string() });

/**
 * The Projects API's ASP.NET model state: `{ message, modelState: { 'model.Name': [message] } }`.
 *
 * @see https://developer.xero.com/documentation/projects/projects-response-codes
 */
export const xeroModelStateSchema = z.object({
  message: z.string(),
  modelState: z.record(z.string(), z.array(z.string())),
});
