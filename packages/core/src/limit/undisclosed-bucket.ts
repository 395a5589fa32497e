import { METER_FACTORY } from './model/meter';
import { UndisclosedWindow } from './model/undisclosed-window';
import type { BucketDefinition } from './types';

/**
 * A bucket whose limit the provider does not publish (BambooHR): a sliding window that probes politely and learns
 * its limit from the first 429 (model/undisclosed-window.ts). A user's `limit` + `windowMs` override makes it a
 * plain sliding window. The learning code ships only in bundles that call this (about 0.85 KB gzipped).
 *
 * @example
 * export const limits = [undisclosedWindow({ id: 'api', source: 'https://documentation.bamboohr.com/...' })];
 */
export function undisclosedWindow(bucket: Omit<BucketDefinition, 'model' | 'limit'>): BucketDefinition {
  const make = (declared: BucketDefinition) => new UndisclosedWindow(declared.windowMs);
  return Object.assign({ ...bucket, model: 'sliding-window' as const }, { [METER_FACTORY]: make });
}
