import { setMaxListeners } from 'node:events';
import type { LimitContender, ProbeHold } from './limit-contenders';
import type { LimitCall, LimitModel } from './limit-models';
import type { SimulatorProcess } from './start-simulator-process';

/** Calls in flight at once, for every client. */
export const CONCURRENCY = 50;
/** Spacing of cross-bucket probe calls (one at a time): 25/s, half the smallest probed bucket (Slack's 50/s). */
const PROBE_EVERY_MS = 40;
const BASELINE_PROBES = 40;

/** What one client did against one model. */
export interface RaceOutcome {
  readonly elapsedMs: number;
  readonly minimumMs: number;
  readonly succeeded: number;
  /** Calls the client gave up on, throttled bodies included. */
  readonly failed: number;
  /** Calls not settled when the run's time limit struck (aborted where the client takes a signal). */
  readonly unfinished: number;
  readonly requests: number;
  readonly rejected: number;
  readonly refusedBy: Readonly<Record<string, number>>;
  /** p99 latency of probe calls while the main bucket was busy minus p99 alone, ms; undefined without a probe. */
  readonly crossBucketMs: number | undefined;
  /** The same at the median: a systematic delay shows in both, a scheduling hiccup only in the p99. */
  readonly crossBucketP50Ms: number | undefined;
  /**
   * p99 of how long the client held probe calls before sending them while the main bucket was busy, minus the
   * same alone, ms, a call sent synchronously within the call counting 0 (nothing waited): the delay the
   * limiter adds, without the machine's scheduling noise. Rosetta only.
   */
  readonly probeHoldMs: number | undefined;
  /** Probe calls during the main load, and how many of them were sent synchronously. */
  readonly probeCalls: number | undefined;
  readonly probeSync: number | undefined;
  /** p99 wall time from the call to the send during the main load minus alone, ms, synchronous work included. */
  readonly probeWallMs: number | undefined;
  readonly failures: ReadonlyMap<string, number>;
  /**
   * Quota models only: requests the client sent (called fetch) after it had received the whole of its first quota
   * refusal (an error answer whose body names `model.quota.by`), on the client's own event loop, so exact: a request
   * already in flight then does not count. Undefined when the model has no quota or no quota refusal came.
   */
  readonly sentAfterQuota?: number | undefined;
}

/**
 * Runs one client against one model on a fresh loopback simulator (in `sims`, a child process): `model.calls` main calls at
 * concurrency {@link CONCURRENCY} and, when the model has a probe, one probe call at a time on
 * the other bucket (first alone, then during the main load). Bounded: nothing starts after
 * `timeLimitMs` and unsettled calls are abandoned (aborted when the client takes a signal).
 *
 * @example
 * const outcome = await runLimitRace(await startSimulatorProcess(), model, contender, 10_000);
 */
export async function runLimitRace(
  sims: SimulatorProcess,
  model: LimitModel,
  contender: LimitContender,
  timeLimitMs: number,
): Promise<RaceOutcome> {
  await warmUp(sims, model, contender);
  const sim = await sims.start(model.provider, model.limits);
  const client = contender.make(sim.url, sim.origin);
  const stop = new AbortController();
  setMaxListeners(CONCURRENCY * 4, stop.signal);
  const failures = new Map<string, number>();
  const call = async (c: LimitCall): Promise<void> => {
    const body = await client.call(c, stop.signal);
    if (model.throttledBody?.(body) === true) throw new Error('THROTTLED in a 200');
  };

  const alone: number[] = [];
  if (model.probe !== undefined) {
    for (let i = 0; i < BASELINE_PROBES; i++) {
      const began = performance.now();
      alone.push(await timed(() => call(model.probe as LimitCall)));
      await pause(PROBE_EVERY_MS - (performance.now() - began));
    }
  }

  const holdsAlone = client.probeHolds?.length ?? 0;
  if (model.phase !== undefined) {
    const { windowMs, atMs } = model.phase;
    await pause((atMs - (Date.now() % windowMs) + windowMs) % windowMs);
  }
  const quotaWatch = model.quota === undefined ? undefined : watchQuota(model.quota.by);
  const started = performance.now();
  const minimumMs = model.minimumMs(Date.now());
  const deadline = new Promise<'late'>((resolve) => {
    const timer = setTimeout(() => resolve('late'), timeLimitMs);
    stop.signal.addEventListener('abort', () => clearTimeout(timer));
  });
  let next = 0;
  let succeeded = 0;
  let failed = 0;
  let lastSettled = started;
  let mainDone = false;
  const worker = async (): Promise<void> => {
    while (next < model.calls && !stop.signal.aborted) {
      const index = next++;
      const result = await Promise.race([
        call(model.main(index)).then(
          () => 'ok' as const,
          (error: unknown) => error,
        ),
        deadline,
      ]);
      if (result === 'late') return;
      lastSettled = performance.now();
      if (result === 'ok') succeeded++;
      else {
        failed++;
        const key = describeFailure(result);
        failures.set(key, (failures.get(key) ?? 0) + 1);
      }
    }
  };
  const during: number[] = [];
  const prober = async (): Promise<void> => {
    const probe = model.probe;
    if (probe === undefined) return;
    while (!mainDone && !stop.signal.aborted) {
      const began = performance.now();
      const ms = await Promise.race([timed(() => call(probe)), deadline]);
      if (ms === 'late') return;
      during.push(ms);
      await pause(PROBE_EVERY_MS - (performance.now() - began));
    }
  };
  const probing = prober();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  mainDone = true;
  const unfinished = model.calls - succeeded - failed;
  const sentAfterQuota = quotaWatch?.stop();
  stop.abort(new Error('time limit'));
  await Promise.race([probing, new Promise((resolve) => setTimeout(resolve, 100))]);
  const stats = await sims.stats(model.provider);
  await client.close().catch(() => undefined);
  return {
    elapsedMs: lastSettled - started,
    minimumMs,
    succeeded,
    failed,
    unfinished,
    requests: stats.requests,
    rejected: stats.rateLimited,
    refusedBy: stats.refusedBy,
    crossBucketMs:
      model.probe === undefined || during.length === 0 ? undefined : quantile(during, 0.99) - quantile(alone, 0.99),
    crossBucketP50Ms:
      model.probe === undefined || during.length === 0 ? undefined : quantile(during, 0.5) - quantile(alone, 0.5),
    ...probeHolds(client.probeHolds, holdsAlone),
    failures: client.stops !== undefined && client.stops.size > 0 ? client.stops : failures,
    sentAfterQuota,
  };
}

/**
 * Wraps `globalThis.fetch` (Rosetta and ky read it at call time) to time every request the client sends and the
 * moment it has received the whole of its first quota refusal; `stop()` restores fetch and counts the requests sent
 * after that moment (undefined when none came). One event loop orders both exactly: a request sent after the
 * refusal was read was sent with the refusal in hand, one sent before was already on its way.
 */
export function watchQuota(by: string): { stop(): number | undefined } {
  const original = globalThis.fetch;
  const sends: number[] = [];
  let firstRefusalAt = Number.POSITIVE_INFINITY;
  globalThis.fetch = async (input, init) => {
    sends.push(performance.now());
    const response = await original(input, init);
    if (response.status >= 400) {
      // The clone's body completes with the original's: the moment the client can read the whole refusal.
      const text = await response
        .clone()
        .text()
        .catch(() => '');
      if (text.includes(by)) firstRefusalAt = Math.min(firstRefusalAt, performance.now());
    }
    return response;
  };
  return {
    stop() {
      globalThis.fetch = original;
      return Number.isFinite(firstRefusalAt) ? sends.filter((at) => at > firstRefusalAt).length : undefined;
    },
  };
}

/** Runs some calls through the client against the same provider without limits: JIT and sockets warm. */
async function warmUp(sims: SimulatorProcess, model: LimitModel, contender: LimitContender): Promise<void> {
  const sim = await sims.start(model.provider);
  const client = contender.make(sim.url, sim.origin);
  const signal = new AbortController().signal;
  setMaxListeners(CONCURRENCY * 4, signal);
  const calls = Array.from({ length: 30 }, (_, i) => model.main(i));
  if (model.probe !== undefined) calls.push(model.probe, model.probe);
  await Promise.all(calls.map((c) => client.call(c, signal).catch(() => undefined)));
  await client.close().catch(() => undefined);
}

/** The client's own hold on probe calls during the main load against alone (see {@link RaceOutcome.probeHoldMs}). */
function probeHolds(
  holds: readonly ProbeHold[] | undefined,
  alone: number,
): Pick<RaceOutcome, 'probeHoldMs' | 'probeCalls' | 'probeSync' | 'probeWallMs'> {
  const during = holds?.slice(alone) ?? [];
  const before = holds?.slice(0, alone) ?? [];
  if (during.length === 0) {
    return { probeHoldMs: undefined, probeCalls: undefined, probeSync: undefined, probeWallMs: undefined };
  }
  const held = (h: ProbeHold): number => (h.sync ? 0 : h.ms);
  const wall = (h: ProbeHold): number => h.ms;
  return {
    probeHoldMs: quantile(during.map(held), 0.99) - quantile(before.map(held), 0.99),
    probeCalls: during.length,
    probeSync: during.filter((h) => h.sync).length,
    probeWallMs: quantile(during.map(wall), 0.99) - quantile(before.map(wall), 0.99),
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

async function timed(run: () => Promise<void>): Promise<number> {
  const began = performance.now();
  await run().catch(() => undefined);
  return performance.now() - began;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
}

function describeFailure(error: unknown): string {
  const e = error as { name?: unknown; kind?: unknown; code?: unknown; status?: unknown; message?: unknown };
  const label = typeof e.kind === 'string' ? `${String(e.name)} ${e.kind}` : String(e.name ?? 'Error');
  const detail = typeof e.status === 'number' ? ` ${e.status}` : typeof e.code === 'string' ? ` ${e.code}` : '';
  return `${label}${detail}: ${String(e.message).slice(0, 50)}`;
}
