import {
  type ApiError,
  type Client,
  type ErrorKind,
  isApiError,
  type ResponseWithMeta,
  type RetryStopReason,
} from '@rosetta/core';
import { bodyExcerpt, tellingHeader } from './vendor-evidence';

/** What one call looked like from both sides: what the vendor sent and what Rosetta made of it. */
export interface CallRecord {
  readonly provider: string;
  readonly method: string;
  /** The fixture name, or the scenario shown. */
  readonly label: string;
  /** What the fixture says the answer means; undefined for scenario rows. */
  readonly expectedKind: ErrorKind | 'success' | undefined;
  /** Status of the last answer; undefined when the last attempt got none (reset, timeout). */
  readonly status: number | undefined;
  readonly header: string;
  readonly body: string;
  /** One entry per attempt: its status, or what happened instead (`network`, `timeout`). */
  readonly attemptLog: readonly string[];
  readonly kind: ErrorKind | 'success';
  readonly retryable: boolean | undefined;
  readonly attempts: number;
  readonly retries: number;
  /** Backoff and server-hinted waits between attempts, from the `retry` events. */
  readonly waitedMs: number;
  readonly stopReason: RetryStopReason | undefined;
  readonly retryAfterMs: number | undefined;
  /** Whether a wait hint came as Retry-After or as a rate-limit reset. */
  readonly hintFrom: 'retry-after' | 'reset' | undefined;
}

/**
 * Runs one call and records it through the client's events (`response`, `retry`, `error`) and
 * the resulting data or {@link ApiError}. The client must not run other calls meanwhile: its
 * events are attributed to this one.
 *
 * @example
 * const record = await observeCall(client, { provider: 'slack', method: 'GET', label: 'invalid-auth' }, () =>
 *   client.requestWithMeta({ path: '/auth.test' }));
 */
export async function observeCall(
  client: Client,
  meta: {
    readonly provider: string;
    readonly method: string;
    readonly label: string;
    readonly expectedKind?: ErrorKind | 'success';
  },
  run: () => Promise<ResponseWithMeta<unknown>>,
): Promise<CallRecord> {
  const attemptLog: string[] = [];
  let retries = 0;
  let waitedMs = 0;
  let stopReason: RetryStopReason | undefined;
  const unsubscribe = [
    client.on('response', (e) => attemptLog.push(String(e.status))),
    client.on('retry', (e) => {
      retries++;
      waitedMs += e.delayMs;
      // Failures without any answer have no `response` event: log them from the retry.
      if (e.error.status === undefined) attemptLog.push(e.reason);
    }),
    client.on('error', (e) => {
      stopReason = e.stopReason;
    }),
  ];
  const base = {
    provider: meta.provider,
    method: meta.method,
    label: meta.label,
    expectedKind: meta.expectedKind,
    attemptLog,
    stopReason,
  };
  try {
    const { data, meta: response } = await run();
    return {
      ...base,
      status: response.status,
      header: tellingHeader(response.headers),
      body: bodyExcerpt(data),
      kind: 'success',
      retryable: undefined,
      attempts: response.attempts,
      retries,
      waitedMs,
      retryAfterMs: undefined,
      hintFrom: undefined,
    };
  } catch (thrown) {
    if (!isApiError(thrown)) throw thrown;
    const error: ApiError = thrown;
    if (error.status === undefined) attemptLog.push(error.kind);
    const headers = error.response?.headers ?? {};
    return {
      ...base,
      stopReason,
      status: error.status,
      header: error.response === undefined ? `(no answer: ${error.code ?? error.kind})` : tellingHeader(headers),
      body: error.response === undefined ? '—' : bodyExcerpt(error.response.body),
      kind: error.kind,
      retryable: error.retryable,
      attempts: error.attempts,
      retries,
      waitedMs,
      retryAfterMs: error.retryAfterMs,
      hintFrom:
        headers['retry-after'] !== undefined && headers['retry-after'].trim() !== ''
          ? 'retry-after'
          : error.retryAfterMs === undefined
            ? undefined
            : 'reset',
    };
  } finally {
    for (const off of unsubscribe) off();
  }
}

/** Why Rosetta stopped retrying, in words. */
export const STOP_REASON_TEXT: Readonly<Record<RetryStopReason, string>> = {
  not_retryable: 'not retryable',
  not_idempotent: 'not safe to repeat',
  max_retries: 'max retries',
  retry_after_too_long: 'server wait too long',
  deadline: 'deadline',
  budget_exhausted: 'retry budget spent',
};

/**
 * "What Rosetta did", in words: the retries and waits (first line, when any), then success or
 * why it stopped.
 *
 * @example
 * describeOutcome(record, 5_000); // ['gave up at once: Retry-After 30 s', 'exceeds max 5 s: fails fast']
 */
export function describeOutcome(record: CallRecord, maxRetryAfterMs: number): string[] {
  const retried = record.retries === 0 ? [] : [`retried ${record.retries}×, waited ${Math.round(record.waitedMs)} ms`];
  const then = (text: string): string[] => [...retried, record.retries === 0 ? text : `then ${text}`];
  if (record.kind === 'success') return record.retries === 0 ? ['succeeded at once'] : then('succeeded');
  if (record.stopReason === 'retry_after_too_long') {
    const what = record.hintFrom === 'retry-after' ? 'Retry-After' : 'rate-limit reset in';
    const seconds = Math.floor((record.retryAfterMs ?? 0) / 1000);
    return [
      ...then(`gave up${record.retries === 0 ? ' at once' : ''}: ${what} ${seconds} s`),
      `exceeds max ${maxRetryAfterMs / 1000} s: fails fast`,
    ];
  }
  if (record.stopReason === 'not_idempotent') return then(`not retried: ${record.method} without idempotency key`);
  if (record.stopReason === 'not_retryable') return then('surfaced at once: not retryable');
  return then(`gave up: ${record.stopReason === undefined ? 'no retry left' : STOP_REASON_TEXT[record.stopReason]}`);
}
