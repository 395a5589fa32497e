import type { SimulatedAnswer } from '../answer';
import type { WindowedLimitModel, WindowedMeter } from '../types';
import type { LimitRuntime } from './limit-runtime';
import { createMeter, type Meter, type MeterReading } from './meter';
import { assertPositive } from './sliding-log';

/**
 * A limit described by data ({@link WindowedLimitModel}): every meter must fit one more request, checked before any
 * counts it, so a refused request is counted by none (HubSpot counts no refused call against the day, and a
 * provider's burst window does not count a call its quota refused). The first meter that does not fit answers with
 * its refusal; every meter that saw the request writes its state headers. A meter with a `penaltyMs` refuses everything
 * for that long after a refusal (Airtable's 30 seconds).
 *
 * @example
 * createWindowedLimit({ model: 'windowed', meters: [{ name: 'account', window: 'fixed', limit: 200, windowMs: 60_000,
 *   headers: { 'x-rate-limit': '{limit}', 'x-rate-limit-remaining': '{remaining}' }, refusal: { status: 429 } }] });
 */
export function createWindowedLimit(spec: WindowedLimitModel): LimitRuntime {
  // Counters are made on first use (one per path when perPath): check every meter's numbers now.
  for (const meter of spec.meters) {
    createMeter(meter.window, meter.limit, meter.windowMs);
    if (meter.penaltyMs !== undefined) assertPositive('penaltyMs', meter.penaltyMs, false);
  }
  const meters = spec.meters.map((meter) => ({ meter, counters: new Map<string, Penalized>() }));
  const counterOf = (entry: (typeof meters)[number], path: string): Penalized => {
    const key = entry.meter.perPath === true ? path : '';
    let counter = entry.counters.get(key);
    if (counter === undefined) {
      counter = { meter: createMeter(entry.meter.window, entry.meter.limit, entry.meter.windowMs), until: 0 };
      entry.counters.set(key, counter);
    }
    return counter;
  };
  return {
    admit(request, now) {
      const counters = meters.map((entry) => counterOf(entry, request.path));
      const peeked = counters.map((counter) => peek(counter, now));
      const refusing = peeked.findIndex((reading) => !reading.allowed);
      if (refusing >= 0) {
        const meter = spec.meters[refusing] as WindowedMeter;
        const counter = counters[refusing] as Penalized;
        // A refusal outside a penalty starts one; the ones inside it do not prolong it.
        if (meter.penaltyMs !== undefined && now >= counter.until) counter.until = now + meter.penaltyMs;
        const reading = peek(counter, now);
        const headers = {
          ...stateHeaders(spec.meters, peeked, now),
          ...render(meter.refusal.headers ?? {}, reading, now),
        };
        const answer: SimulatedAnswer = { status: meter.refusal.status, headers, body: meter.refusal.body };
        return { headers, refusal: { answer, by: meter.name } };
      }
      const taken = counters.map((counter) => counter.meter.take(now));
      return { headers: stateHeaders(spec.meters, taken, now) };
    },
  };
}

/** One counter and the end of its penalty (epoch ms; 0: none yet). */
interface Penalized {
  readonly meter: Meter;
  until: number;
}

/** The counter's reading, a penalty in force refusing whatever the count says: nothing fits until it ends. */
function peek(counter: Penalized, now: number): MeterReading {
  const reading = counter.meter.peek(now);
  if (now >= counter.until) return reading;
  return {
    allowed: false,
    limit: reading.limit,
    remaining: 0,
    resetAt: Math.max(reading.resetAt, counter.until),
    retryInMs: Math.max(reading.retryInMs, counter.until - now),
  };
}

function stateHeaders(
  meters: readonly WindowedMeter[],
  readings: readonly MeterReading[],
  now: number,
): Record<string, string> {
  let headers: Record<string, string> = {};
  meters.forEach((meter, i) => {
    headers = { ...headers, ...render(meter.headers ?? {}, readings[i] as MeterReading, now) };
  });
  return headers;
}

/**
 * Fills `{name}` templates in header values from a meter's reading (names in `TemplatedAnswer`). `{name:N}` states
 * `resetSeconds` or `retryAfterSeconds` for a model that runs the provider's time N times faster: rounded up to 1/N
 * of a second instead of a whole one (with decimals), so the header keeps the real one's resolution relative to the
 * window (Zendesk's minute compressed to a second: `{resetSeconds:60}` states sixtieths of the model's second, as
 * the real header's whole seconds are sixtieths of the minute). Without a suffix, whole seconds.
 */
export function render(
  templates: Readonly<Record<string, string>>,
  reading: MeterReading,
  now: number,
): Record<string, string> {
  const untilReset = Math.max(0, reading.resetAt - now);
  const values: Record<string, string> = {
    limit: String(reading.limit),
    remaining: String(reading.remaining),
    used: String(reading.limit - reading.remaining),
    resetSeconds: String(Math.ceil(untilReset / 1_000)),
    resetEpochSeconds: String(Math.ceil(reading.resetAt / 1_000)),
    // Linear: "resets in UTC epoch milliseconds" (linear.app/developers/rate-limiting).
    resetEpochMs: String(Math.ceil(reading.resetAt)),
    resetIso: new Date(Math.ceil(reading.resetAt / 1_000) * 1_000).toISOString().replace('.000Z', 'Z'),
    retryAfterSeconds: String(Math.max(1, Math.ceil(reading.retryInMs / 1_000))),
    retryAfterExact: (reading.retryInMs / 1_000).toFixed(3),
  };
  const scaled: Record<string, (scale: number) => string> = {
    resetSeconds: (scale) => fractionOf(untilReset, scale, 0),
    retryAfterSeconds: (scale) => fractionOf(reading.retryInMs, scale, 1),
  };
  const out: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    out[name] = template.replace(/\{(\w+)(?::(\d+))?\}/g, (whole, key: string, scale?: string) => {
      const n = scale === undefined ? 0 : Number(scale);
      if (n > 0 && scaled[key] !== undefined) return (scaled[key] as (scale: number) => string)(n);
      return scale === undefined ? (values[key] ?? whole) : whole;
    });
  }
  return out;
}

/** `ms` in seconds rounded up to a whole 1/`scale` of a second (at least `least` of them), then up to the ms. */
function fractionOf(ms: number, scale: number, least: number): string {
  const parts = Math.max(least, Math.ceil((ms * scale) / 1_000 - 1e-9));
  return (Math.ceil((parts * 1_000) / scale - 1e-9) / 1_000).toFixed(3);
}
