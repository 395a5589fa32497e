import type { ClassifyContext, ClassifyHook, ClassifyVerdict, FieldError } from '@rosetta/core';
import { readSlackEnvelope, type SlackEnvelope } from './slack-envelope';
import { slackErrorRule } from './slack-error-rule';
import { slackFieldErrors } from './slack-field-errors';

// Both official SDKs fail a call whose JSON lacks `ok` (WebClient.ts `!result.ok`, SlackResponse.validate()).
const MISSING_OK: ClassifyVerdict = {
  kind: 'invalid_response',
  code: 'missing_ok',
  message: 'Slack answered JSON without the "ok" member every Web API response carries',
  retryable: false,
};
const UNKNOWN_CODE: ClassifyVerdict = { kind: 'unknown', retryable: false };

/**
 * Slack answers HTTP 200 for success and failure alike; the verdict is in the body's `ok`. Real
 * non-200s (429 with Retry-After, 5xx, gateway HTML) are left to core's status table, with the
 * body's `error` code refining the kind when Slack sent one. Never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifySlack });
 */
export const classifySlack: ClassifyHook = ({ status, headers, body }) => {
  const success = status >= 200 && status < 300;
  // admin.analytics.getFile answers a gzip file, without any envelope, when it succeeds.
  if (success && /^application\/gzip/i.test(headers['content-type'] ?? '')) return null;
  // Every successful call lands here; `ok: true` needs no member read beyond itself.
  if ((body as { ok?: unknown } | null | undefined)?.ok === true) return undefined;
  // Only an object can be an envelope (not an HTML page, a text body).
  const envelope = readSlackEnvelope(body);
  if (envelope === undefined) return undefined;
  if (envelope.ok === undefined) return success ? MISSING_OK : undefined;

  const code = envelope.error === undefined || envelope.error === '' ? undefined : envelope.error;
  if (code === undefined && !success) return undefined;
  const fieldErrors = slackFieldErrors(envelope.response_metadata?.messages ?? []);
  const rule = code === undefined ? undefined : slackErrorRule(code);
  // A plain member first: on Node 20 a literal that opens with a spread and adds members costs microseconds.
  return {
    message: describe(envelope, code, headers, fieldErrors),
    ...(code === undefined ? {} : { code }),
    ...(fieldErrors.length > 0 ? { fieldErrors } : {}),
    // An unknown code on a non-200 keeps the kind the status gave; on a 200 nothing else is known.
    ...(rule ?? (success ? UNKNOWN_CODE : {})),
  };
};

function describe(
  envelope: SlackEnvelope,
  code: string | undefined,
  headers: ClassifyContext['headers'],
  fieldErrors: readonly FieldError[],
): string {
  const name = code ?? '(no error code)';
  if (code === 'missing_scope') {
    // WebClient.ts reads the accepted and granted scopes from these headers too.
    const needed = envelope.needed ?? headers['x-accepted-oauth-scopes'];
    const provided = envelope.provided ?? headers['x-oauth-scopes'];
    return `Slack API error missing_scope: needed ${needed ?? '(not stated)'}; the token has ${provided ?? '(not stated)'}`;
  }
  if (envelope.detail !== undefined && envelope.detail !== '') return `Slack API error ${name}: ${envelope.detail}`;
  const first = fieldErrors[0];
  if (first === undefined) return `Slack API error: ${name}`;
  return `Slack API error ${name}: ${first.message}${first.path === '' ? '' : ` (at ${first.path})`}`;
}
