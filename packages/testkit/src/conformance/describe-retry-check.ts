import { type Adapter, createClient } from '@rosetta/core';
import { describe, expect, it, vi } from 'vitest';
import { createScriptedFetch } from '../scripted-fetch';
import {
  asMethod,
  type ConformanceContext,
  errorSummary,
  onTheWire,
  readFixture,
  SETTLE_SLACK_MS,
  settle,
  useFakeClock,
  wireResponse,
} from './conformance-context';
import { expectedAttempts, generatesIdempotencyKey } from './expected-attempts';
import type { AdapterFixture } from './fixture';

/**
 * Check 3: every attempt answered by the fixture's response, the client makes exactly the attempts
 * the retry rule allows (see `expectedAttempts`), for the fixture's method, a GET and a POST without
 * a caller's key; each attempt carries the same idempotency key when the adapter generates one.
 */
export function describeRetryCheck(ctx: ConformanceContext): void {
  describe(`retries: exact attempts (maxRetries ${ctx.maxRetries}, scripted fetch, fake timers)`, () => {
    for (const fixture of ctx.fixtures) {
      it(fixture.name, async () => {
        for (const method of new Set([fixture.request.method, 'GET', 'POST'])) await checkMethod(ctx, fixture, method);
      });
    }
  });
}

async function checkMethod(ctx: ConformanceContext, fixture: AdapterFixture, method: string): Promise<void> {
  const { adapter, maxRetries, maxRetryAfterMs } = ctx;
  useFakeClock(fixture);
  // The reading for this method (the fixture's own is checked against `expected` elsewhere).
  const reading = readFixture(ctx, fixture, method);
  const hasKey = generatesIdempotencyKey(adapter, method);
  const throttleRefusesRequest = adapter.throttleRefusesRequest !== undefined;
  const attempts = expectedAttempts({
    reading,
    method,
    hasIdempotencyKey: hasKey,
    maxRetries,
    maxRetryAfterMs,
    throttleRefusesRequest,
    notProcessed: fixture.expected?.notProcessed === true,
    declaredSafe: declaresSafe(adapter, method, fixture.request.path),
    answerMaxRetries: fixture.expected?.maxRetries,
  });
  const script = createScriptedFetch([wireResponse(fixture)]);
  const client = createClient(adapter, {
    baseUrl: ctx.baseUrl,
    fetch: script.fetch,
    rateLimit: false,
    deadlineMs: ctx.deadlineMs,
    retry: { maxRetries, baseDelayMs: 0, maxDelayMs: 0, random: () => 0, maxRetryAfterMs },
  });
  const wait = Math.min(reading?.retryAfterMs ?? 0, maxRetryAfterMs) + SETTLE_SLACK_MS;
  const call = client.request({ method: asMethod(method), path: fixture.request.path });
  const outcome = await settle(call, maxRetries * wait + SETTLE_SLACK_MS, script);
  await client.close();
  vi.useRealTimers();

  const readAs =
    reading === null
      ? 'a success'
      : `${reading.kind} (retryable ${reading.retryable}, retryAfterMs ${String(reading.retryAfterMs)})`;
  const why = `${method} ${fixture.request.path} answered ${fixture.response.status}, read as ${readAs}${
    hasKey ? ', with a generated idempotency key' : ''
  }`;
  const param = adapter.idempotency?.param;
  // A key sent as a query parameter is generated per call: the log is compared without it, the key below.
  const log = param === undefined ? script.log : script.log.map((line) => withoutParam(line, param));
  expect(log, why).toEqual(Array.from({ length: attempts }, () => `START ${method} ${onTheWire(ctx, fixture)}`));
  if (reading === null) expect(outcome.ok ? 'resolved' : errorSummary(outcome.error), why).toBe('resolved');
  else expect(outcome.ok ? outcome.value : outcome.error, why).toMatchObject({ kind: reading.kind, attempts });

  const header = adapter.idempotency?.header?.toLowerCase();
  if (header === undefined && param === undefined) return;
  const keys = new Set(
    script.requests.map((request) =>
      header === undefined
        ? (new URL(request.url).searchParams.get(param as string) ?? undefined)
        : request.headers[header],
    ),
  );
  // One key reused by every attempt: a new key per retry would defeat the provider's deduplication.
  expect(
    [...keys].map((key) => key !== undefined),
    `${header ?? param} sent on ${method}`,
  ).toEqual([hasKey]);
}

/**
 * The adapter's own `safeToRepeat` answer for a body-less request (the suite sends none). The hook is the adapter's
 * declaration, not core's rule, so asking it keeps the suite independent of core; one that throws declares nothing.
 */
function declaresSafe(adapter: Adapter, method: string, path: string): boolean {
  try {
    const request = {
      method: method.toUpperCase(),
      path: new URL(path, 'http://path.invalid').pathname,
      body: undefined,
    };
    return adapter.safeToRepeat?.(request) === true;
  } catch {
    return false;
  }
}

/** A `START <METHOD> <path+query>` log line without the query parameter `param`. */
function withoutParam(line: string, param: string): string {
  const [start, method, target] = line.split(' ') as [string, string, string];
  const url = new URL(target, 'http://log.invalid');
  if (!url.searchParams.has(param)) return line;
  url.searchParams.delete(param);
  return `${start} ${method} ${url.pathname}${url.search}`;
}
