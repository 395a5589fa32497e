// The official client's resend rule, written once for docs-cases.test.ts (`sdkResends`) and sdk-decisions.test.ts
// (whose header says it in words), from jsforce/jsforce@e744dad915492226c7838a9513697ed75b7ff998 src/request.ts
// `shouldRetryRequest`.
import type { AdapterFixture } from '@rosetta/testkit';

const STATUS_CODES = [420, 429, 500, 502, 503, 504];
const METHODS = ['GET', 'PUT', 'HEAD', 'OPTIONS', 'DELETE'];

/** jsforce's sleep before its first resend (ms), which sdk-decisions.test.ts's tables name. */
export const MIN_TIMEOUT_MS = 500;

/** `shouldRetryRequest` on one answer: resent or not, and jsforce's sleep before the first resend (ms). */
export function sdkDecision({ request, response }: AdapterFixture): { retried: boolean; waitMs?: number } {
  if (!METHODS.includes(request.method) || !STATUS_CODES.includes(response.status)) return { retried: false };
  return { retried: true, waitMs: MIN_TIMEOUT_MS };
}
