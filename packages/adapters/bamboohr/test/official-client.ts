// The official client's resend rule, written once for docs-cases.test.ts (`sdkResends`) and sdk-decisions.test.ts
// (whose header says it in words), from BambooHR/bhr-api-php@a6a10ca26972470d31d494b9caaf7e5db9eaf945
// lib/Configuration.php and lib/ApiHelper.php `sendRequestWithRetries`.
import type { AdapterFixture } from '@rosetta/testkit';

const RETRYABLE_STATUS_CODES = [408, 429, 504, 598];

/** The SDK's sleep before its one resend (ms), which sdk-decisions.test.ts's tables name. */
export const FIRST_SLEEP_MS = 100;

/** `sendRequestWithRetries` on one answer: resent or not, and its sleep before the resend (ms). */
export function sdkDecision({ response }: AdapterFixture): { retried: boolean; waitMs?: number } {
  if (RETRYABLE_STATUS_CODES.includes(response.status)) return { retried: true, waitMs: FIRST_SLEEP_MS };
  return { retried: false };
}
