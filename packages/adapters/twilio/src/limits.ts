import type { BucketDefinition } from '@rosetta/core';
import { CONCURRENCY_BUCKET } from './classify-twilio';

// Twilio publishes no number for its REST API limit, only its model: error 20429 "Your account is sending too many
// concurrent Rest API requests", "never processed and is always safe to retry". The official Node SDK keeps at most
// 20 sockets, so 20 requests in flight, per host by default (DEFAULT_MAX_SOCKETS = 20 in RequestClient.ts): the
// concurrency Twilio's own client produces, taken here as the prior.
const SOURCE =
  'https://www.twilio.com/docs/api/errors/20429 ; https://github.com/twilio/twilio-node/blob/45d3d65a4ea87652f4c7973af0e0998f3af31322/src/base/RequestClient.ts (DEFAULT_MAX_SOCKETS = 20)';

/**
 * Twilio's REST API limit: a concurrency cap per account (one bucket per credential), 20 requests in flight as the
 * official SDK sends them. A 20429 answer lowers the working cap (AIMD) until answers succeed again. Product limits
 * that are not about concurrency (Verify's attempts per verification, Messaging's per-sender queues) are read from
 * their answers, not modelled as buckets.
 *
 * @example
 * // An account whose concurrency Twilio raised:
 * createClient(twilio, { auth, rateLimit: { buckets: { concurrency: { maxInFlight: 50 } } } });
 */
export const twilioLimits: readonly BucketDefinition[] = [
  {
    id: CONCURRENCY_BUCKET,
    model: 'concurrency',
    maxInFlight: 20,
    source: SOURCE,
    // Only a 20429 is this cap's answer: a Verify 60203 (attempts of one verification spent) or a Messaging queue
    // limit must not pause the account's other calls.
    owns: (response) => response.throttle?.scope === CONCURRENCY_BUCKET,
  },
];
