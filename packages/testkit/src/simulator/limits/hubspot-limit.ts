import { createFixedWindow } from '../fixed-window';
import type { HubspotLimitModel } from '../types';
import type { LimitRuntime, LimitVerdict } from './limit-runtime';
import { createSlidingLog } from './sliding-log';

// https://developers.hubspot.com/docs/developer-tooling/platform/usage-guidelines: headers
// X-HubSpot-RateLimit-Daily, -Daily-Remaining, -Interval-Milliseconds, -Max, -Remaining; "The
// daily limit resets at midnight"; the 429's message and policyName say which limit was hit.
// Body as HubSpot documents it (quoted in https://community.hubspot.com/t5/APIs-Integrations/Hubspot-User-experience/m-p/511719):
// { status: "error", message: "You have reached your daily limit.", errorType: "RATE_LIMIT",
// correlationId, policyName: "DAILY" }; the burst policy is TEN_SECONDLY_ROLLING
// (HubSpot/hubspot-api-nodejs src/services/decorators/RetryDecorator.ts).
const MESSAGES = {
  DAILY: 'You have reached your daily limit.',
  TEN_SECONDLY_ROLLING: 'You have reached your ten_secondly_rolling limit.',
} as const;

/**
 * HubSpot's daily quota (a fixed window; a "day" can be made short for tests) plus an optional
 * rolling burst window.
 *
 * @example
 * createHubspotLimit({ model: 'hubspot', daily: { limit: 250_000, windowMs: 86_400_000 }, burst: { limit: 100, windowMs: 10_000 } });
 */
export function createHubspotLimit(spec: HubspotLimitModel): LimitRuntime {
  const daily = createFixedWindow(spec.daily.limit, spec.daily.windowMs);
  const burst = spec.burst === undefined ? undefined : createSlidingLog(spec.burst.limit, spec.burst.windowMs);
  let correlation = 0;
  const refuse = (policyName: keyof typeof MESSAGES, headers: Record<string, string>): LimitVerdict => {
    correlation++;
    const body = {
      status: 'error',
      message: MESSAGES[policyName],
      errorType: 'RATE_LIMIT',
      correlationId: `00000000-0000-4000-8000-${String(correlation).padStart(12, '0')}`,
      policyName,
    };
    return { headers, refusal: { answer: { status: 429, headers, body }, by: policyName } };
  };
  return {
    admit(_request, now) {
      // A refused request is not counted: check the daily quota without spending it first.
      const day = daily.take(now, 0);
      const dayHeaders = {
        'x-hubspot-ratelimit-daily': String(spec.daily.limit),
        'x-hubspot-ratelimit-daily-remaining': String(Math.max(0, day.remaining - 1)),
      };
      if (day.remaining < 1) return refuse('DAILY', { ...dayHeaders, 'x-hubspot-ratelimit-daily-remaining': '0' });
      let headers: Record<string, string> = dayHeaders;
      if (burst !== undefined && spec.burst !== undefined) {
        const reading = burst.take(now);
        headers = {
          ...dayHeaders,
          'x-hubspot-ratelimit-interval-milliseconds': String(spec.burst.windowMs),
          'x-hubspot-ratelimit-max': String(spec.burst.limit),
          'x-hubspot-ratelimit-remaining': String(reading.remaining),
        };
        // Not counted against the day either.
        const unspent = { ...headers, 'x-hubspot-ratelimit-daily-remaining': String(day.remaining) };
        if (!reading.allowed) return refuse('TEN_SECONDLY_ROLLING', unspent);
      }
      daily.take(now);
      return { headers };
    },
  };
}
