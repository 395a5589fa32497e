// Every error fixture against the retry decision of Asana's official client that has one: python-asana 5.2.2,
// reproduced from Asana/python-asana@24f6c10abcca8ac4c8b1300ddcaf2a60132c4990 asana/configuration.py (not a
// dependency here; the Node client, node-asana 3.1.9, Asana/node-asana@fd26d23d7950a96a5542fb143b5f989fbc363fbf
// src/ApiClient.js, never resends). Its urllib3 `Retry(total=5, backoff_factor=2, status_forcelist=[429, 500, 502,
// 503, 504])` resends those statuses, whatever the body, for urllib3's idempotent methods (GET, HEAD, PUT, DELETE,
// OPTIONS, TRACE: Rosetta's safe set, so the status rule is what is compared; Rosetta also resends a throttled POST,
// which Asana refused unprocessed). It waits `Retry-After` on a 429 or 503 (seconds or an HTTP date), else nothing
// before the first retry, then 2 s x 2^n; past its retries it raises one ApiException (asana/rest.py) for every status.
import { type AdapterFixture, loadFixtures } from '@rosetta/testkit';
import { describeSdkDecisions, type SdkDisagreement } from '@rosetta/testkit/vitest';
import { describe } from 'vitest';
import { asana } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

/** urllib3's decision on one answer to a GET: resent or not, and the wait its Retry-After set (ms). */
function sdkDecision({ response }: AdapterFixture): { retried: boolean; waitMs?: number } {
  if (![429, 500, 502, 503, 504].includes(response.status)) return { retried: false };
  const retryAfter = Object.entries(response.headers ?? {}).find(([name]) => name.toLowerCase() === 'retry-after');
  // urllib3 honours it only on its RETRY_AFTER_STATUS_CODES (413, 429, 503); the fixtures' values are whole seconds.
  if (retryAfter === undefined || (response.status !== 429 && response.status !== 503)) return { retried: true };
  return { retried: true, waitMs: Number(retryAfter[1]) * 1000 };
}

// Where Rosetta decides otherwise, on purpose, with why (Asana's OpenAPI, as the fixtures cite). A new disagreement
// fails until it is understood and listed here.
const DISAGREEMENTS: Record<string, SdkDisagreement<ReturnType<typeof sdkDecision>>> = {
  'rate-limited-424': {
    sdk: { retried: false },
    why: 'asana_oas.yaml answers 424 with components.responses.TooManyRequests on some endpoints: a rate limit',
  },
  'unavailable-load-balancer-501': {
    sdk: { retried: false },
    why: 'asana_oas.yaml answers 501 with components.responses.BadGateway: "an issue between the load balancers"',
  },
};

describe("python-asana's retries vs Rosetta, on the same answers", () => {
  describeSdkDecisions(asana, {
    fixtures,
    decide: sdkDecision,
    disagreements: DISAGREEMENTS,
    // Both wait the Retry-After Asana sends ("specifies a duration long enough", developers.asana.com/docs/rate-limits).
    sameWait: true,
  });
});
