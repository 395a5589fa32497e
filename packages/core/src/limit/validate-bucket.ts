import { METER_FACTORY } from './model/meter';
import type { BucketDefinition, BucketModel } from './types';

/**
 * The numbers each model needs. Token and cost buckets take `ratePerSec`+`burst` or `limit`+`windowMs`. A sliding
 * window from `undisclosedWindow()` may declare no limit (the provider publishes none: it is learned).
 */
type Fields = readonly (keyof BucketDefinition)[];
const WINDOW: Fields[] = [['limit', 'windowMs']];
const RATE: Fields[] = [['ratePerSec', 'burst'], ...WINDOW];
const REQUIRED: Record<BucketModel, readonly Fields[]> = {
  'fixed-window': WINDOW,
  'sliding-window': WINDOW,
  quota: WINDOW,
  'token-bucket': RATE,
  'cost-bucket': RATE,
  concurrency: [['maxInFlight']],
  'min-interval': [['intervalMs']],
};

const NUMBERS = ['limit', 'windowMs', 'ratePerSec', 'burst', 'maxInFlight', 'intervalMs'] as const;

/**
 * Checks a bucket declaration without a schema library (adapter definitions stay zod-free on this
 * path): a known model, an id, a source, and the positive numbers the model needs. Throws a
 * `RangeError` naming the bucket and the field.
 *
 * @example
 * validateBucket({ id: 'core', model: 'fixed-window', limit: 5_000, windowMs: 3_600_000, source: url });
 */
export function validateBucket(bucket: BucketDefinition): BucketDefinition {
  const fail = (problem: string): never => {
    throw new RangeError(`rate-limit bucket ${JSON.stringify(bucket.id)}: ${problem}`);
  };
  if (typeof bucket.id !== 'string' || bucket.id.length === 0) throw new RangeError('a rate-limit bucket needs an id');
  const options = Object.hasOwn(REQUIRED, bucket.model)
    ? REQUIRED[bucket.model]
    : fail(`unknown model ${String(bucket.model)}`);
  if (typeof bucket.source !== 'string' || bucket.source.length === 0)
    fail('source (the docs URL of its numbers) is required');
  for (const name of NUMBERS) {
    const value = bucket[name];
    if (value !== undefined && !(Number.isFinite(value) && value > 0))
      fail(`${name} must be a positive number, got ${String(value)}`);
  }
  if (bucket.maxInFlight !== undefined && !Number.isInteger(bucket.maxInFlight)) fail('maxInFlight must be an integer');
  if (bucket.slowStart !== undefined && typeof bucket.slowStart !== 'boolean') fail('slowStart must be a boolean');
  // undisclosedWindow(): a sliding window with its own learning meter needs no number.
  if (
    (bucket.limit !== undefined || !(METER_FACTORY in bucket)) &&
    !options.some((names) => names.every((name) => bucket[name] !== undefined))
  )
    fail(`model ${bucket.model} needs ${options.map((names) => names.join(' + ')).join(' or ')}`);
  return bucket;
}
