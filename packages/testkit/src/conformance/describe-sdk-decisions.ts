import { type Adapter, type ApiError, normalizeResponse } from '@rosetta/core';
import { expect, it } from 'vitest';
import type { AdapterFixture } from './fixture';

/**
 * An official SDK's decision on one answer: resent or not, its wait when it has one, and whatever else a file
 * compares (a request count, a class name).
 */
export interface SdkDecision {
  readonly retried: boolean;
  readonly waitMs?: number;
}

/** One answer where Rosetta decides otherwise on purpose: the SDK's whole decision, and why they differ. */
export interface SdkDisagreement<D extends SdkDecision> {
  /** What the SDK decides there, compared whole with `decide`'s answer. */
  readonly sdk: D;
  readonly why: string;
  /** Fields Rosetta's reading must have there beside the opposite `retryable` (its wait, its kind). */
  readonly ours?: Partial<Pick<ApiError, 'kind' | 'retryAfterMs' | 'code'>>;
}

/**
 * Disagreements that share one SDK decision (an SDK that sends every listed answer once, say), each with its reason.
 *
 * @example
 * // twilio-node's autoRetry resends 429s only: every answer Rosetta resends, it sends once.
 * const disagreements = sameSdkDecision({ retried: false }, {
 *   'legacy-service-unavailable-20503-503': 'twilio.com/docs/api/errors/20503: a transient outage',
 * });
 */
export function sameSdkDecision<D extends SdkDecision>(
  sdk: D,
  reasons: Readonly<Record<string, string>>,
): Record<string, SdkDisagreement<D>> {
  return Object.fromEntries(Object.entries(reasons).map(([name, why]) => [name, { sdk, why }]));
}

/** Options of {@link describeSdkDecisions}. */
export interface SdkDecisionOptions<D extends SdkDecision> {
  /** The adapter's cited fixtures, usually `loadFixtures(new URL('./fixtures', import.meta.url))`. */
  readonly fixtures: readonly AdapterFixture[];
  /**
   * The official SDK's decision on one fixture, written from its source or got by running it. It runs first in each
   * test, so a fake clock it sets is the one `normalizeResponse` then reads.
   */
  readonly decide: (fixture: AdapterFixture) => D | Promise<D>;
  /** Where Rosetta's `retryable` is the opposite of the SDK's resend, by fixture name. */
  readonly disagreements: Readonly<Record<string, SdkDisagreement<NoInfer<D>>>>;
  /** Where the fixture's request went, when not `adapter.baseUrl` + its path (a per-site host, say). */
  readonly url?: (fixture: AdapterFixture) => string;
  /** Where both resend and the SDK has a `waitMs`, Rosetta's `retryAfterMs` must equal it (the same Retry-After). */
  readonly sameWait?: boolean;
  /** More checks where both agree (a wait of Rosetta's own, say), after `retryable` has been compared. */
  readonly agreed?: (sdk: NoInfer<D>, ours: ApiError | null, fixture: AdapterFixture) => void;
}

/**
 * Registers, in the current vitest block, an official SDK's retry decision beside Rosetta's `normalizeResponse` on
 * every error fixture (every fixture whose `expected` is not `null`):
 *
 * 1. `lists only fixtures that exist`: a renamed or deleted fixture leaves no disagreement behind, unchecked;
 * 2. one test per error fixture, named after it: Rosetta's `retryable` equals the SDK's `retried`, unless the fixture
 *    is listed; a listed one must really disagree, and the SDK's decision must equal the listed one.
 *
 * @example
 * describe("twilio-node's autoRetry vs Rosetta, on the same answers", () => {
 *   describeSdkDecisions(twilio, {
 *     fixtures,
 *     decide: ({ response }) => ({ retried: response.status === 429 }),
 *     disagreements: { 'legacy-service-unavailable-20503-503': { sdk: { retried: false }, why: 'errors/20503' } },
 *   });
 * });
 */
export function describeSdkDecisions<D extends SdkDecision>(adapter: Adapter, options: SdkDecisionOptions<D>): void {
  const { decide, disagreements, agreed } = options;
  const errors = options.fixtures.filter((f) => f.expected !== null);

  it('lists only fixtures that exist', () => {
    const names = new Set(errors.map((f) => f.name));
    expect(Object.keys(disagreements).filter((name) => !names.has(name))).toEqual([]);
  });

  for (const fixture of errors) {
    it(fixture.name, async () => {
      const sdk = await decide(fixture);
      const ours = normalizeResponse(adapter, {
        ...fixture.response,
        method: fixture.request.method,
        url: options.url?.(fixture) ?? `${adapter.baseUrl}${fixture.request.path}`,
      });
      const known = disagreements[fixture.name];
      if (known !== undefined) {
        expect(sdk, known.why).toEqual(known.sdk);
        expect(ours?.retryable, known.why).toBe(!sdk.retried);
        if (known.ours !== undefined) expect(ours, known.why).toMatchObject(known.ours);
        return;
      }
      expect(ours?.retryable).toBe(sdk.retried);
      if (options.sameWait === true && sdk.retried && sdk.waitMs !== undefined) {
        expect(ours?.retryAfterMs).toBe(sdk.waitMs);
      }
      agreed?.(sdk, ours, fixture);
    });
  }
}
