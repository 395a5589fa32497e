// Every error fixture against the retry decision of Microsoft's official JavaScript client,
// @microsoft/microsoft-graph-client, reproduced from microsoftgraph/msgraph-sdk-javascript@
// bfb564afcd4cad6d79a2294c91427d076213d092 src/middleware/RetryHandler.ts (not a dependency here). Its RetryHandler,
// on by default, resends a 429, 503 or 504 and nothing else, whatever the body, for any method but a streamed
// (application/octet-stream) PUT, PATCH or POST; 3 times at most. It waits `Retry-After` when sent (`Number()`
// seconds, decimals kept, or an HTTP date), capped at 180 s (RetryHandlerOptions MAX_DELAY), else 3 s plus up to
// 1 s of jitter, growing from the second retry. It throws one GraphError class for every status, `code` from the body.
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe } from 'vitest';
import { microsoftGraph } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

/** RetryHandler's decision on one answer: resent or not, and the wait the answer's Retry-After set (ms). */
function sdkDecision({ response }: AdapterFixture): { retried: boolean; waitMs?: number } {
  if (![429, 503, 504].includes(response.status)) return { retried: false };
  const retryAfter = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after');
  if (retryAfter === undefined || Number.isNaN(Number(retryAfter[1]))) return { retried: true };
  return { retried: true, waitMs: Math.min(Number(retryAfter[1]), 180) * 1000 };
}

// Where Rosetta decides otherwise, on purpose, with why (learn.microsoft.com/graph/errors and the throttling guides
// the fixtures cite). A new disagreement fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'bandwidth-509': {
    sdk: { retried: false },
    why: 'learn.microsoft.com/graph/errors, 509: throttled for bandwidth, "can retry the request again after more time"',
  },
  'directory-concurrency-violation-409': {
    sdk: { retried: false },
    why: 'learn.microsoft.com/graph/errors: Directory_ConcurrencyViolation "can be repeated after some delay"',
  },
  'general-exception-500': {
    sdk: { retried: false },
    why: 'an unspecified server error (generalException): transient on a request safe to repeat (DESIGN.md, server)',
  },
};

describe("the Graph client's RetryHandler vs Rosetta, on the same answers", () => {
  describeSdkDecisions(microsoftGraph, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
    // Both honour Retry-After to the millisecond ("2.128" is 2,128 ms for both).
    sameWait: true,
  });
});
