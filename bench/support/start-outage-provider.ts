import { sendJson, startHttpServer } from './start-http-server';

/** Options of {@link startOutageProvider}. */
export interface OutageProviderOptions {
  /** How long the provider answers 503 once {@link OutageProvider.beginOutage} is called. */
  readonly outageMs: number;
  /**
   * `Retry-After` seconds sent with each 503.
   * @default none
   */
  readonly retryAfterSeconds?: number;
}

/** What an outage provider saw. */
export interface OutageCounts {
  /** Requests answered 503. */
  readonly duringOutage: number;
  /** Requests answered 200. */
  readonly afterOutage: number;
  /** Largest number of requests one call (by `x-call-id`) made during the outage. */
  readonly maxPerCallDuringOutage: number;
  /** Calls (by `x-call-id`) whose first request came after the outage: they never saw it. */
  readonly firstAfterOutage: number;
}

/** A running outage provider. */
export interface OutageProvider {
  readonly url: string;
  /** Starts the outage now. Until then the provider answers 200 and counts nothing (warm-up). */
  beginOutage(): void;
  counts(): OutageCounts;
  close(): Promise<void>;
}

/**
 * A provider that answers 503 for `outageMs` from `beginOutage()` on, then 200 for good.
 * Requests carrying `x-call-id` are counted per call.
 *
 * @example
 * const provider = await startOutageProvider({ outageMs: 5_000 });
 * await warmUp(provider.url);
 * provider.beginOutage();
 */
export async function startOutageProvider(options: OutageProviderOptions): Promise<OutageProvider> {
  let startedAt: number | undefined;
  let duringOutage = 0;
  let afterOutage = 0;
  let firstAfterOutage = 0;
  const perCall = new Map<string, number>();
  const server = await startHttpServer((req, res) => {
    req.resume();
    const now = performance.now();
    if (startedAt === undefined) {
      sendJson(res, 200, { id: 'item_1', ok: true });
      return;
    }
    if (now - startedAt < options.outageMs) {
      duringOutage++;
      const id = req.headers['x-call-id'];
      if (typeof id === 'string') perCall.set(id, (perCall.get(id) ?? 0) + 1);
      const headers: Record<string, string> =
        options.retryAfterSeconds === undefined ? {} : { 'retry-after': String(options.retryAfterSeconds) };
      sendJson(res, 503, { error: { message: 'service unavailable' } }, headers);
      return;
    }
    afterOutage++;
    const id = req.headers['x-call-id'];
    if (typeof id === 'string' && !perCall.has(id)) {
      firstAfterOutage++;
      perCall.set(id, 0);
    }
    sendJson(res, 200, { id: 'item_1', ok: true });
  });
  return {
    url: server.url,
    beginOutage: () => {
      startedAt = performance.now();
    },
    counts: () => ({
      duringOutage,
      afterOutage,
      maxPerCallDuringOutage: Math.max(0, ...perCall.values()),
      firstAfterOutage,
    }),
    close: server.close,
  };
}
