import type { Adapter } from '@rosetta/core';
import { afterEach, expect, it, vi } from 'vitest';
import type { AdapterFixture } from './fixture';
import { type ResendsOnceOptions, resendsOnce } from './resends-once';

/**
 * One row of a retry-decision table: the fixture's name; the official SDK's decision when
 * {@link RetryDecisionOptions.sdkResends} is given; Rosetta's decision for each of
 * {@link RetryDecisionOptions.resend}; then why they differ (`''` when they agree).
 *
 * @example ['server-error-500', false, true, 'a GET after a 5xx is safe to repeat; the SDK resends only 429s']
 */
export type RetryDecisionRow = readonly [fixture: string, ...decisions: boolean[], why: string];

/** Options of {@link describeRetryDecisions}. */
export interface RetryDecisionOptions {
  /** The adapter's cited fixtures, usually `loadFixtures(new URL('./fixtures', import.meta.url))`. */
  readonly fixtures: readonly AdapterFixture[];
  /** One row per error fixture (every fixture whose `expected` is not `null`), in any order. */
  readonly rows: readonly RetryDecisionRow[];
  /**
   * The official SDK's decision, written from its source (cite the file and commit beside it). Omit it when the SDK
   * resends nothing: the rows then have no SDK column, and a row that resends must say why.
   */
  readonly sdkResends?: (fixture: AdapterFixture) => boolean;
  /**
   * What Rosetta's side sends and answers ({@link resendsOnce}): one column per entry, in order (for example a GraphQL
   * mutation, then a query on the same fixture).
   */
  readonly resend: ResendsOnceOptions | readonly ResendsOnceOptions[];
}

/**
 * Registers, in the current vitest block, an official SDK's retry decision beside Rosetta's on every error fixture:
 *
 * 1. `covers every error fixture`: the rows name exactly the fixtures whose `expected` is not `null`;
 * 2. one test per row, named after its fixture: `sdkResends` gives the SDK column, {@link resendsOnce} each Rosetta
 *    column, and a row whose decisions differ from the SDK's (from "resends nothing" without `sdkResends`) must say why.
 *
 * {@link resendsOnce} runs on fake timers: the block's tests get real timers back after each test.
 *
 * @example
 * describe('retry decisions: twilio-node next to Rosetta, fixture by fixture', () => {
 *   // [fixture, twilio-node resends, Rosetta resends, why they differ]
 *   const rows: [string, boolean, boolean, string][] = [['legacy-concurrency-20429-429', true, true, '']];
 *   describeRetryDecisions(twilio, {
 *     fixtures,
 *     rows,
 *     sdkResends: (f) => f.response.status === 429,
 *     resend: { auth, success: { sid: 'FAKE' }, body: { To: '+15558675310' } },
 *   });
 * });
 */
export function describeRetryDecisions(adapter: Adapter, options: RetryDecisionOptions): void {
  const { fixtures, rows, sdkResends } = options;
  const resends: readonly ResendsOnceOptions[] = Array.isArray(options.resend) ? options.resend : [options.resend];

  afterEach(() => {
    vi.useRealTimers();
  });

  it('covers every error fixture', () => {
    const errors = fixtures.filter((f) => f.expected !== null).map((f) => f.name);
    expect(rows.map(([name]) => name).sort()).toEqual(errors.sort());
  });

  for (const row of rows) {
    const [name] = row;
    it(name, async () => {
      expect(row, 'columns: fixture, the SDK (with sdkResends), one per resend, why').toHaveLength(
        2 + (sdkResends === undefined ? 0 : 1) + resends.length,
      );
      const fixture = fixtures.find((f) => f.name === name);
      if (fixture === undefined) throw new Error(`no fixture named ${name}`);
      const decisions = row.slice(1, -1) as boolean[];
      const sdk = sdkResends === undefined ? false : (decisions.shift() as boolean);
      if (sdkResends !== undefined) expect(sdkResends(fixture), 'the SDK').toBe(sdk);
      const rosetta: boolean[] = [];
      for (const resend of resends) rosetta.push(await resendsOnce(adapter, fixture, resend));
      expect(rosetta, 'Rosetta').toEqual(decisions);
      const why = row[row.length - 1];
      // A row unlike the SDK (or, without sdkResends, unlike "resends nothing") says why.
      if (why === '') expect(decisions).toEqual(decisions.map(() => sdk));
    });
  }
}
