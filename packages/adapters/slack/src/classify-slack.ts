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
 * The wait of a Slack throttle that names none (no `Retry-After`, garbage, `0` or negative). Slack counts every
 * tier per minute per method per workspace and sends no remaining or reset header
 * (https://docs.slack.dev/apis/web-api/rate-limits), so where the spent window stands is unknown: one whole
 * minute is the shortest wait sure to outlast it. A shorter guess risks more 429s in the same window, and Slack
 * warns that continuing after being limited "runs the risk of having your application permanently disabled".
 * It equals Rosetta's default `maxRetryAfterMs`, so the retry still happens by default. Official SDKs, not copied:
 * @slack/web-api (`WebClient.ts`, `parseRetryHeaders`) gives up on a 429 without a number, yet reads `-1` or `0`
 * with `parseInt` and retries at once; python-slack-sdk (`http_retry/builtin_handlers.py`,
 * `RateLimitErrorRetryHandler`) waits 1-2 s, within the minute that refused the call.
 */
export const SLACK_DEFAULT_RETRY_AFTER_MS = 60_000;

/**
 * Slack answers HTTP 200 for success and failure alike; the verdict is in the body's `ok`. Real
 * non-200s (429 with Retry-After, 5xx, gateway HTML) are left to core's status table, with the
 * body's `error` code refining the kind when Slack sent one. Never throws.
 *
 * @example
 * defineAdapter({ ..., classify: classifySlack });
 */
export const classifySlack: ClassifyHook = (ctx) => {
  const verdict = readEnvelope(ctx);
  // A throttle, whoever read it (Slack's code, or core's 429), must not be retried without a wait.
  if (verdict === null || (verdict?.kind ?? ctx.defaults?.kind) !== 'rate_limited') return verdict;
  const hinted = ctx.readings.retryAfterMs;
  if (hinted !== undefined && hinted > 0) return verdict;
  return { ...verdict, retryAfterMs: SLACK_DEFAULT_RETRY_AFTER_MS };
};

function readEnvelope({ status, headers, body }: ClassifyContext): ClassifyVerdict | null | undefined {
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
}

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
