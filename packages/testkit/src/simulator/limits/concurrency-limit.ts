import type { ConcurrencyLimitModel } from '../types';
import type { LimitRuntime } from './limit-runtime';
import { assertPositive } from './sliding-log';

// Twilio's model (docs/retries-and-rate-limits.md §1.12): error 20429 "Your account is sending too many concurrent Rest
// API requests ... An API Request that receives an error 429 response is never processed and is
// always safe to retry" (https://www.twilio.com/docs/errors/20429); the cap is unpublished, so no
// header states it and the 429 carries no hint.
const BODY = {
  code: 20429,
  message: 'Too Many Requests',
  more_info: 'https://www.twilio.com/docs/errors/20429',
  status: 429,
};

/**
 * A concurrency cap: at most `maxInFlight` admitted requests being served (each takes `serviceMs`).
 *
 * @example
 * createConcurrencyLimit({ model: 'concurrency', maxInFlight: 10, serviceMs: 20 });
 */
export function createConcurrencyLimit(spec: ConcurrencyLimitModel): LimitRuntime {
  assertPositive('maxInFlight', spec.maxInFlight, true);
  let inFlight = 0;
  return {
    admit() {
      if (inFlight >= spec.maxInFlight) {
        return { headers: {}, refusal: { answer: { status: 429, headers: {}, body: BODY }, by: 'concurrency' } };
      }
      inFlight++;
      let released = false;
      return {
        headers: {},
        holdMs: spec.serviceMs,
        release: () => {
          if (!released) inFlight--;
          released = true;
        },
      };
    },
  };
}
