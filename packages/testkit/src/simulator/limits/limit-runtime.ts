import type { SimulatedAnswer } from '../answer';

/** What a limit sees of a request. */
export interface LimitedRequest {
  /** Upper-case. */
  readonly method: string;
  /** Path inside the provider, without the query, e.g. `/search/issues`. */
  readonly path: string;
  /** The raw request body (form or JSON text), '' when none. */
  readonly body: string;
}

/** A limit's answer to one request. */
export interface LimitVerdict {
  /** State headers for the answer, admitted or refused. */
  readonly headers: Readonly<Record<string, string>>;
  /** Set when the request is refused: the provider's answer, and which limit refused it. */
  readonly refusal?: { readonly answer: SimulatedAnswer; readonly by: string };
  /** Rewrites an admitted answer's body (Shopify GraphQL adds `extensions.cost`). */
  readonly body?: (body: unknown) => unknown;
  /** Holds the admitted answer back this long (a concurrency cap's service time). */
  readonly holdMs?: number;
  /** Called once the admitted answer is written (frees a concurrency slot). */
  readonly release?: () => void;
}

/** One limit as it runs: its state and how the provider states it. */
export interface LimitRuntime {
  /** Offers a request at `now` (epoch ms); undefined when the limit does not apply to it. */
  admit(request: LimitedRequest, now: number): LimitVerdict | undefined;
}

/** Seconds until `ms` from now, rounded up, at least 1: the whole-second `Retry-After` most providers send. */
export function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1_000));
}
