import { buildApiError } from '../classify/build-error';
import { redactClassification } from '../classify/classify-response';
import type { SuccessSchema } from './options';
import type { AttemptResult, AttemptSpec } from './send-attempt';

const MAX_ISSUES = 20;

/**
 * The data of a successful attempt: the parsed body (undefined when empty, as for 204/205), validated by
 * the call's schema when one is given. A mismatch is an `invalid_response` error listing the issues.
 */
export async function successData<T>(
  result: AttemptResult,
  schema: SuccessSchema<T> | undefined,
  spec: AttemptSpec,
  attempt: number,
): Promise<T> {
  const body = result.reading.body;
  if (schema === undefined) return body as T;
  const outcome = await schema['~standard'].validate(body);
  if (outcome.issues === undefined) return outcome.value;
  const fieldErrors = outcome.issues.slice(0, MAX_ISSUES).map((issue) => ({
    path: (issue.path ?? []).map((p) => String(typeof p === 'object' && p !== null ? p.key : p)).join('.'),
    message: issue.message,
    code: 'schema_mismatch',
  }));
  throw buildApiError({
    adapter: spec.adapter,
    classification: redactClassification(
      {
        kind: 'invalid_response',
        code: 'schema_mismatch',
        message: `response body does not match the expected schema (${fieldErrors.length} issue${fieldErrors.length === 1 ? '' : 's'})`,
        retryable: false,
        fieldErrors,
      },
      spec.redactor,
    ),
    redactor: spec.redactor,
    method: spec.method,
    url: spec.safeUrl,
    status: result.status,
    headers: result.headers,
    body,
    attempts: attempt,
  });
}
