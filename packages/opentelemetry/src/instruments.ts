import type { Counter, Histogram, Meter } from '@opentelemetry/api';

/** The metrics a client records. */
export interface Instruments {
  /** `http.client.request.duration`, seconds, one per call (the conventions' stable HTTP client metric). */
  readonly duration: Histogram;
  /** Retries, by reason (the error kind that was retried). */
  readonly retries: Counter;
  /** Calls the limiter held back, by bucket and reason (`paced`, `paused`, `queued`). */
  readonly throttles: Counter;
  /** How long the limiter held them, seconds. */
  readonly throttleWait: Histogram;
  /** Calls stopped by a spent quota (`quota_exceeded`): they were not sent again until the quota resets. */
  readonly quotaStops: Counter;
}

// The conventions' advised buckets for `http.client.request.duration`.
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

/**
 * Creates the instruments on `meter`.
 *
 * @example
 * const instruments = createInstruments(metrics.getMeter('@rosetta/opentelemetry'));
 */
export function createInstruments(meter: Meter): Instruments {
  return {
    duration: meter.createHistogram('http.client.request.duration', {
      unit: 's',
      description: 'Duration of HTTP client requests.',
      advice: { explicitBucketBoundaries: DURATION_BUCKETS },
    }),
    retries: meter.createCounter('rosetta.client.retries', {
      unit: '{retry}',
      description: 'Attempts that failed and were retried.',
    }),
    throttles: meter.createCounter('rosetta.client.rate_limit.waits', {
      unit: '{call}',
      description: 'Calls the rate limiter held back before sending.',
    }),
    throttleWait: meter.createHistogram('rosetta.client.rate_limit.wait.duration', {
      unit: 's',
      description: 'How long the rate limiter held a call back.',
    }),
    quotaStops: meter.createCounter('rosetta.client.quota_stops', {
      unit: '{call}',
      description: 'Calls that failed because a quota was spent.',
    }),
  };
}
