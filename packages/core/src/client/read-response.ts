import type { Adapter } from '../adapter/types';
import { classifyResponse, headerFacts } from '../classify/classify-response';
import type { HeaderMap } from '../classify/header-map';
import type { Redactor } from '../errors/redact';
import type { Classification, RateLimitInfo } from '../errors/types';
import { scrubBodyText, scrubHeaderValues } from './scrub-response';

/** One response read once: its body, its classification (`null` for a success) and core's header readings. */
export interface ResponseReading {
  readonly body: unknown;
  readonly classification: Classification | null;
  readonly requestId: string | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
}

/**
 * Classifies one response from copies with every known credential scrubbed, so no cut made while classifying
 * can keep a piece of one.
 */
export function readResponse(
  adapter: Adapter,
  redactor: Redactor,
  raw: {
    readonly status: number;
    readonly headers: HeaderMap;
    readonly bytes: Uint8Array;
    readonly method: string;
    readonly url: string;
  },
): ResponseReading {
  const headers = scrubHeaderValues(redactor, raw.headers);
  const input = { status: raw.status, headers, method: raw.method, url: raw.url };
  let reading = classifyResponse(adapter, { ...input, body: raw.bytes.byteLength === 0 ? undefined : raw.bytes });
  if (reading.classification !== null) {
    const safeBody = scrubBodyText(redactor, raw.bytes);
    if (safeBody !== undefined) reading = classifyResponse(adapter, { ...input, body: safeBody });
  }
  const facts = reading.classification ?? headerFacts(adapter, headers, Date.now());
  return {
    body: reading.body,
    classification: reading.classification,
    requestId: facts.requestId,
    rateLimit: facts.rateLimit,
  };
}
