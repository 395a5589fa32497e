import type { ErrorKind } from '@rosetta/core';

/** How one Slack `error` code reads in Rosetta's model. */
export interface SlackErrorRule {
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  /** Set when Slack says the call may have been applied in part (`internal_error`, `fatal_error`). */
  readonly possiblyProcessed?: boolean;
}

const rule = (kind: ErrorKind, retryable: boolean, possiblyProcessed?: boolean): SlackErrorRule =>
  possiblyProcessed === undefined ? { kind, retryable } : { kind, retryable, possiblyProcessed };

const AUTHENTICATION = rule('authentication', false);
const PERMISSION = rule('permission', false);
const VALIDATION = rule('validation', false);
const UNSUPPORTED = rule('unsupported', false);
const UNAVAILABLE = rule('unavailable', true);

// Codes from the Web API's common error list (every method page repeats it), the OAuth and
// chat.postMessage pages, and the official SDKs. Listed codes win over the name patterns below.
const CODES: Readonly<Record<string, SlackErrorRule>> = Object.assign(Object.create(null), {
  invalid_auth: AUTHENTICATION,
  not_authed: AUTHENTICATION,
  account_inactive: AUTHENTICATION,
  token_revoked: AUTHENTICATION,
  token_expired: AUTHENTICATION,
  not_bearer_token: AUTHENTICATION,
  invalid_client_id: AUTHENTICATION,
  bad_client_secret: AUTHENTICATION,
  invalid_code: AUTHENTICATION,
  invalid_refresh_token: AUTHENTICATION,
  missing_scope: PERMISSION,
  no_permission: PERMISSION,
  not_allowed_token_type: PERMISSION,
  access_denied: PERMISSION,
  accesslimited: PERMISSION,
  admin_unauthorized: PERMISSION,
  ekm_access_denied: PERMISSION,
  enterprise_is_restricted: PERMISSION,
  team_access_not_granted: PERMISSION,
  two_factor_setup_required: PERMISSION,
  not_in_channel: PERMISSION,
  edit_window_closed: PERMISSION,
  no_text: VALIDATION,
  json_not_object: VALIDATION,
  attachment_payload_limit_exceeded: VALIDATION,
  markdown_text_conflict: VALIDATION,
  is_archived: rule('conflict', false),
  is_inactive: rule('conflict', false),
  // `ratelimited` is the common code (HTTP 429); chat.postMessage documents `rate_limited` (HTTP 200).
  ratelimited: rule('rate_limited', true, false),
  rate_limited: rule('rate_limited', true, false),
  // "It's possible some aspect of the operation succeeded before the error was raised."
  internal_error: rule('server', true, true),
  fatal_error: rule('server', true, true),
  // "The POST data was either missing or truncated": nothing was applied; the 408 of Slack.
  request_timeout: rule('timeout', true, false),
  update_failed: rule('server', true),
  service_unavailable: UNAVAILABLE,
  external_channel_migrating: UNAVAILABLE,
  team_added_to_org: UNAVAILABLE,
  org_login_required: UNAVAILABLE,
  unknown_method: UNSUPPORTED,
  method_deprecated: UNSUPPORTED,
  deprecated_endpoint: UNSUPPORTED,
});

// Method pages add hundreds of codes of their own; their names follow a few stable patterns.
const PATTERNS: readonly (readonly [RegExp, SlackErrorRule])[] = [
  // "does not exist or is not visible to this credential" is one kind: user_not_found, user_not_visible.
  [/(^|_)not_(found|visible)$/, rule('not_found', false)],
  [/^(restricted_action|cant_)/, PERMISSION],
  [/(_not_supported|deprecated)/, UNSUPPORTED],
  [/_limit_(reached|exceeded)$/, rule('quota_exceeded', false)],
  [/(already|_taken$|_conflict$)/, rule('conflict', false)],
  [/^(invalid|missing|too_many|bad)_|_too_(long|large)$/, VALIDATION],
  [/_unavailable$/, UNAVAILABLE],
];

/**
 * The reading of a Slack `error` code, or `undefined` for a code nothing is known about (then the
 * HTTP status decides, or `unknown` on a 200).
 *
 * @example
 * slackErrorRule('channel_not_found'); // { kind: 'not_found', retryable: false }
 * slackErrorRule('fatal_error');       // { kind: 'server', retryable: true, possiblyProcessed: true }
 */
export function slackErrorRule(code: string): SlackErrorRule | undefined {
  const listed = CODES[code];
  if (listed !== undefined) return listed;
  for (const [pattern, matched] of PATTERNS) if (pattern.test(code)) return matched;
  return undefined;
}
