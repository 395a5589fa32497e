import type { AdapterFixture } from '../conformance/fixture';
import type { SimulatedAnswer } from './answer';
import type { WindowReading } from './fixed-window';
import type { RateLimitStyle } from './types';

/** Headers a fixture's own rate-limit state lives in; replaced by the simulator's state. */
const RATE_HEADER = /^(x-ratelimit-|retry-after$)/i;

/**
 * The rate-limit headers a provider of `style` puts on every answer.
 *
 * @example
 * rateLimitHeaders('github', { allowed: true, limit: 100, remaining: 99, resetAt }, now);
 * // { 'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-used': '1', ... }
 */
export function rateLimitHeaders(style: RateLimitStyle, reading: WindowReading, now: number): Record<string, string> {
  switch (style) {
    case 'github':
      return {
        'x-ratelimit-limit': String(reading.limit),
        'x-ratelimit-remaining': String(reading.remaining),
        'x-ratelimit-used': String(reading.limit - reading.remaining),
        // Epoch seconds, as GitHub sends it.
        'x-ratelimit-reset': String(Math.ceil(reading.resetAt / 1000)),
        'x-ratelimit-resource': 'core',
      };
    case 'generic':
      return {
        'x-ratelimit-limit': String(reading.limit),
        'x-ratelimit-remaining': String(reading.remaining),
        // Seconds until the reset, as the IETF RateLimit draft counts it.
        'x-ratelimit-reset': String(secondsUntil(reading.resetAt, now)),
      };
    case 'slack':
    case 'stripe':
      return {};
  }
}

/**
 * The answer of a provider of `style` whose window is spent, with the body (and headers such as
 * the request id) of the provider's own rate-limit fixture when it has one.
 *
 * @example
 * limitedAnswer('slack', reading, slackFixtures, now); // 429, retry-after, { ok: false, error: 'ratelimited' }
 */
export function limitedAnswer(
  style: RateLimitStyle,
  reading: WindowReading,
  fixtures: readonly AdapterFixture[],
  now: number,
): SimulatedAnswer {
  const status = style === 'github' ? 403 : 429;
  const fixture = limitFixture(style, status, fixtures);
  const base: Record<string, string> = {};
  for (const [name, value] of Object.entries(fixture?.response.headers ?? {})) {
    if (!RATE_HEADER.test(name)) base[name] = value;
  }
  const retryAfter = style === 'stripe' ? {} : { 'retry-after': String(secondsUntil(reading.resetAt, now)) };
  // GitHub's primary limit carries no Retry-After: clients wait for x-ratelimit-reset.
  const hint = style === 'github' ? {} : retryAfter;
  return {
    status,
    headers: { ...base, ...rateLimitHeaders(style, reading, now), ...hint },
    body: fixture?.response.body ?? FALLBACK_BODIES[style],
  };
}

const FALLBACK_BODIES: Readonly<Record<RateLimitStyle, unknown>> = {
  github: {
    message: 'API rate limit exceeded for 192.0.2.1.',
    documentation_url: 'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
  },
  slack: { ok: false, error: 'ratelimited' },
  stripe: {
    error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' },
  },
  generic: { error: 'rate_limited', message: 'Too many requests' },
};

/** The provider's fixture for this refusal: its primary-limit one for GitHub, else any rate-limited one with the status. */
function limitFixture(
  style: RateLimitStyle,
  status: number,
  fixtures: readonly AdapterFixture[],
): AdapterFixture | undefined {
  const limited = fixtures.filter(
    (f) => f.response.status === status && f.expected?.kind === 'rate_limited' && typeof f.response.body === 'object',
  );
  if (style === 'github') {
    return limited.find((f) => f.expected?.code === 'primary_rate_limit' && !f.request.path.includes('graphql'));
  }
  return limited[0];
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}
