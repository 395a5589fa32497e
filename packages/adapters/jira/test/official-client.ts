// The official client's resend rule, written once for docs-cases.test.ts (`sdkResends`) and sdk-decisions.test.ts
// (whose header says it in words), from MrRefactoring/jira.js@ef1506ef85df0d3a252309f9696b6b67b96dd8ed
// src/core/createClient.ts with TRANSIENT_HTTP_STATUSES (src/core/errors/fromResponse.ts).
import type { AdapterFixture } from '@rosetta/testkit';

const TRANSIENT_HTTP_STATUSES = [502, 503, 504];

/** jira.js's `initialDelayMs` (ms), which sdk-decisions.test.ts's tables name. */
export const INITIAL_DELAY_MS = 500;

/** jira.js with `retry: { maxAttempts: 2 }`: resent or not, and its wait before the first retry (ms). */
export function sdkDecision({ response }: AdapterFixture): { retried: boolean; waitMs?: number } {
  if (TRANSIENT_HTTP_STATUSES.includes(response.status)) return { retried: true, waitMs: INITIAL_DELAY_MS };
  return { retried: false };
}
