import { ConcurrencyCap } from './model/concurrency-cap';
import { FixedWindow } from './model/fixed-window';
import { type Meter, METER_FACTORY } from './model/meter';
import { MinInterval } from './model/min-interval';
import { SlidingWindow } from './model/sliding-window';
import { TokenBucket } from './model/token-bucket';
import type { BucketDefinition } from './types';

/**
 * A fresh meter for one key of `bucket` (already validated by `validateBucket`).
 *
 * @example
 * createMeter({ id: 'global', model: 'token-bucket', ratePerSec: 100, burst: 100, source });
 */
export function createMeter(bucket: BucketDefinition): Meter {
  const { limit = 0, windowMs = 0 } = bucket;
  switch (bucket.model) {
    case 'fixed-window':
    case 'quota':
      return new FixedWindow(limit, windowMs, bucket.slowStart === true, bucket.model === 'quota');
    case 'sliding-window': {
      // No declared limit: the provider publishes none, the bucket's own meter probes and learns it (undisclosedWindow()).
      const make = (bucket as { [METER_FACTORY]?: (bucket: BucketDefinition) => Meter })[METER_FACTORY];
      return bucket.limit === undefined && make !== undefined ? make(bucket) : new SlidingWindow(limit, windowMs);
    }
    case 'token-bucket':
    case 'cost-bucket': {
      const burst = bucket.burst ?? limit;
      const rate = bucket.ratePerSec ?? (limit * 1_000) / windowMs;
      return new TokenBucket(rate, burst, bucket.model === 'cost-bucket');
    }
    case 'concurrency':
      return new ConcurrencyCap(bucket.maxInFlight ?? 1);
    case 'min-interval':
      return new MinInterval(bucket.intervalMs ?? 0);
  }
}
