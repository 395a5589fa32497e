// The official client's resend rule, written once for docs-cases.test.ts (`sdkResends`) and sdk-decisions.test.ts
// (whose header says it in words), from intercom/intercom-node@86d57815b702f461daf32aaebe665224a64a0a1b
// src/core/fetcher/requestWithRetries.ts.
import type { AdapterFixture } from '@rosetta/testkit';

const MAX_WAIT_MS = 60_000;

/** One header of the answer, by case-insensitive name. */
function header({ response }: AdapterFixture, name: string): string | undefined {
  return Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * requestWithRetries' decision on one answer: resent or not, and its first wait where the answer sets it (ms, before
 * the reset's 0-20% jitter).
 */
export function sdkDecision(fixture: AdapterFixture): { retried: boolean; waitMs?: number } {
  const { status } = fixture.response;
  if (status !== 408 && status !== 429 && status < 500) return { retried: false };
  const seconds = Number.parseInt(header(fixture, 'retry-after') ?? '', 10);
  if (seconds > 0) return { retried: true, waitMs: Math.min(seconds * 1000, MAX_WAIT_MS) };
  const untilReset = Number.parseInt(header(fixture, 'x-ratelimit-reset') ?? '', 10) * 1000 - Date.now();
  if (untilReset > 0) return { retried: true, waitMs: Math.min(untilReset, MAX_WAIT_MS) };
  return { retried: true };
}
