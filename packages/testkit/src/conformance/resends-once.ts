import type { Adapter, AuthOptions, HttpMethod } from '@rosetta/core';
import { expect, vi } from 'vitest';
import type { AdapterFixture } from './fixture';
import { createScriptedClient } from '../scripted-client';

/** What {@link resendsOnce} sends and answers besides the fixture. */
export interface ResendsOnceOptions {
  readonly auth: AuthOptions;
  /** The body of the success that answers a resend, shaped like the provider's. */
  readonly success: unknown;
  /** The body of a request whose method is not GET. */
  readonly body: unknown;
}

/**
 * Rosetta's retry decision on one fixture, to set beside an official SDK's: the fixture's request answered by its
 * response, then by a success; `true` when the client resent it once (and succeeded), `false` when it failed on the
 * first answer. Runs on fake timers (from the fixture's `now`), with one retry allowed, no limiter and no jitter,
 * against the adapter's base URL (a placeholder such as `{site}` filled with `fake-site`), and fails the test if the
 * scripted fetch saw any other number of requests.
 *
 * @example
 * expect(await resendsOnce(twilio, fixture, { auth, success: { sid: 'FAKE' }, body: { To: '+15558675310' } })).toBe(true);
 */
export async function resendsOnce(
  adapter: Adapter,
  fixture: AdapterFixture,
  options: ResendsOnceOptions,
): Promise<boolean> {
  vi.useFakeTimers({ now: fixture.now === undefined ? Date.UTC(2026, 10, 26) : Date.parse(fixture.now) });
  const { status, headers = {}, body } = fixture.response;
  const t = createScriptedClient(
    adapter,
    [
      { status, headers: headers as Record<string, string>, body },
      { status: 200, body: options.success },
    ],
    {
      // A per-account template (`https://{site}.atlassian.net`) filled in: core refuses an unfilled placeholder.
      baseUrl: adapter.baseUrl.replace(/\{(\w+)\}/g, 'fake-$1'),
      auth: options.auth,
      retry: { maxRetries: 1, random: () => 0 },
    },
  );
  const { method, path } = fixture.request;
  const settled = t.client
    .request({ method: method as HttpMethod, path, ...(method === 'GET' ? {} : { body: options.body }) })
    .then(
      () => true,
      () => false,
    );
  // Long enough for any wait the retry rule allows by default (maxRetryAfterMs 60 s).
  await vi.advanceTimersByTimeAsync(120_000);
  const resent = await settled;
  expect(t.log).toHaveLength(resent ? 2 : 1);
  return resent;
}
