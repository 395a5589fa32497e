import type { SlackLimitModel } from '../types';
import { type LimitRuntime, wholeSeconds } from './limit-runtime';
import { createSlidingLog, type SlidingLog } from './sliding-log';

// https://api.slack.com/docs/rate-limits: limits apply "per API method per workspace/team per
// app"; the algorithm is not disclosed ("bursts are welcome"), so a sliding log models it: no
// window phase a client could learn. Over the limit: "HTTP 429 Too Many Requests error, and a
// Retry-After HTTP header containing the number of seconds until you can retry"; the body is
// `{"ok":false,"error":"ratelimited"}` (slackapi/node-slack-sdk packages/web-api/src/WebClient.ts
// reads only the status and Retry-After). No remaining/reset headers exist.
const BODY = { ok: false, error: 'ratelimited' };

/**
 * Slack's per-method limit: one sliding log per method (the path, e.g. `/conversations.list`).
 *
 * @example
 * createSlackLimit({ model: 'slack', limit: 50, windowMs: 60_000 }); // Tier 3
 */
export function createSlackLimit(spec: SlackLimitModel): LimitRuntime {
  const logs = new Map<string, SlidingLog>();
  return {
    admit(request, now) {
      let log = logs.get(request.path);
      if (log === undefined) {
        log = createSlidingLog(spec.limit, spec.windowMs);
        logs.set(request.path, log);
      }
      const reading = log.take(now);
      if (reading.allowed) return { headers: {} };
      const headers = { 'retry-after': String(wholeSeconds(reading.retryInMs)) };
      return { headers, refusal: { answer: { status: 429, headers, body: BODY }, by: request.path.slice(1) } };
    },
  };
}
