import type { SimulatedLimit, SimulatedRoute } from '../types';
import { createConcurrencyLimit } from './concurrency-limit';
import { createGithubLimit } from './github-limit';
import { createHubspotLimit } from './hubspot-limit';
import type { LimitRuntime } from './limit-runtime';
import { createShopifyGraphqlLimit } from './shopify-graphql-limit';
import { createShopifyRestLimit } from './shopify-rest-limit';
import { createSlackLimit } from './slack-limit';
import { createStripeLimit } from './stripe-limit';
import { createWindowedLimit } from './windowed-limit';

/** Numeric fields each model requires (positive), checked on specs that come from JSON. */
const REQUIRED: Readonly<Record<SimulatedLimit['model'], readonly string[]>> = {
  github: [],
  slack: ['limit', 'windowMs'],
  'shopify-rest': ['capacity', 'leakPerSec'],
  'shopify-graphql': ['maximumAvailable', 'restoreRate'],
  concurrency: ['maxInFlight', 'serviceMs'],
  hubspot: [],
  stripe: ['ratePerSec', 'burst'],
  windowed: [],
};

/**
 * Creates the running state of one limit, restricted to its route. Throws a `TypeError` or
 * `RangeError` for a malformed spec (it may come from the admin route's JSON).
 *
 * @example
 * const limit = createLimit({ model: 'slack', limit: 50, windowMs: 60_000 });
 * limit.admit({ method: 'POST', path: '/conversations.list', body: '' }, Date.now());
 */
export function createLimit(spec: SimulatedLimit): LimitRuntime {
  assertLimit(spec);
  const runtime = byModel(spec);
  const route = spec.route;
  if (route === undefined) return runtime;
  return { admit: (request, now) => (matches(route, request) ? runtime.admit(request, now) : undefined) };
}

function byModel(spec: SimulatedLimit): LimitRuntime {
  switch (spec.model) {
    case 'github':
      return createGithubLimit(spec);
    case 'slack':
      return createSlackLimit(spec);
    case 'shopify-rest':
      return createShopifyRestLimit(spec);
    case 'shopify-graphql':
      return createShopifyGraphqlLimit(spec);
    case 'concurrency':
      return createConcurrencyLimit(spec);
    case 'hubspot':
      return createHubspotLimit(spec);
    case 'stripe':
      return createStripeLimit(spec);
    case 'windowed':
      return createWindowedLimit(spec);
  }
}

function matches(route: SimulatedRoute, request: { method: string; path: string }): boolean {
  return (
    (route.method === undefined || route.method.toUpperCase() === request.method) &&
    (route.pathPrefix === undefined || request.path.startsWith(route.pathPrefix))
  );
}

function assertLimit(value: unknown): asserts value is SimulatedLimit {
  if (typeof value !== 'object' || value === null) throw new TypeError('a limit must be an object');
  const spec = value as Record<string, unknown>;
  const model = spec.model;
  if (typeof model !== 'string' || !Object.hasOwn(REQUIRED, model)) {
    throw new TypeError(`limit.model must be one of ${Object.keys(REQUIRED).join(', ')}, got ${String(model)}`);
  }
  for (const field of REQUIRED[model as SimulatedLimit['model']]) {
    const n = spec[field];
    if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0)
      throw new TypeError(`limit.${field} of a ${model} limit must be a positive number`);
  }
  if (model === 'github' && (typeof spec.resources !== 'object' || spec.resources === null))
    throw new TypeError('a github limit needs resources, e.g. { core: { limit: 5000, windowMs: 3600000 } }');
  if (model === 'hubspot' && (typeof spec.daily !== 'object' || spec.daily === null))
    throw new TypeError('a hubspot limit needs daily: { limit, windowMs }');
  if (model === 'windowed') assertMeters(spec.meters);
}

const WINDOW_KINDS: readonly unknown[] = ['fixed', 'sliding', 'token'];

/** A windowed limit's meters, as JSON may give them: the numbers are checked again when each meter is made. */
function assertMeters(meters: unknown): void {
  if (!Array.isArray(meters) || meters.length === 0)
    throw new TypeError('a windowed limit needs meters: [{ name, window, limit, windowMs, refusal }]');
  for (const meter of meters as Record<string, unknown>[]) {
    if (typeof meter?.name !== 'string') throw new TypeError('every meter needs a name');
    if (!WINDOW_KINDS.includes(meter.window))
      throw new TypeError(`meter ${meter.name}: window must be one of ${WINDOW_KINDS.join(', ')}`);
    const refusal = meter.refusal as { status?: unknown } | undefined;
    if (typeof refusal?.status !== 'number')
      throw new TypeError(`meter ${meter.name}: refusal.status must be a number`);
  }
}
