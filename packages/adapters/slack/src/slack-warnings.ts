import { readSlackEnvelope } from './slack-envelope';

const WARN_PREFIX = /^\s*\[WARN\]\s*/;

/**
 * Warnings a Slack Web API response carried, de-duplicated, in the order Slack listed them:
 * the top-level `warning` (comma-separated codes), the legacy top-level `warnings`,
 * `response_metadata.warnings`, and `[WARN]` entries of `response_metadata.messages` (prefix
 * removed). A successful call with warnings is still a success; this is how to surface them.
 * Pure; never throws; `[]` for anything that is not a Slack envelope.
 *
 * @example
 * slackWarnings({ ok: true, warning: 'missing_charset', response_metadata: { warnings: ['missing_charset'] } });
 * // ['missing_charset']
 */
export function slackWarnings(body: unknown): string[] {
  const envelope = readSlackEnvelope(body);
  if (envelope === undefined) return [];
  const { warning, warnings, response_metadata: meta } = envelope;
  const found = new Set<string>();
  const add = (value: unknown): void => {
    const trimmed = typeof value === 'string' ? value.trim() : '';
    if (trimmed !== '') found.add(trimmed);
  };
  for (const code of warning?.split(',') ?? []) add(code);
  for (const code of warnings ?? []) add(code);
  for (const code of meta?.warnings ?? []) add(code);
  for (const message of meta?.messages ?? []) {
    if (typeof message === 'string' && WARN_PREFIX.test(message)) add(message.replace(WARN_PREFIX, ''));
  }
  return [...found];
}
