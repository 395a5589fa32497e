// The official client's resend rule, written once for docs-cases.test.ts (`sdkResends`) and sdk-decisions.test.ts
// (whose header says it in words), from twilio/twilio-node@45d3d65a4ea87652f4c7973af0e0998f3af31322
// src/base/RequestClient.ts.
import type { AdapterFixture } from '@rosetta/testkit';

/** RequestClient's decision, with autoRetry on, on one answer: resent or not. */
export function sdkDecision({ response }: AdapterFixture): { retried: boolean } {
  return { retried: response.status === 429 };
}
