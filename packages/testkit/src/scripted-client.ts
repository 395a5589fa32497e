import { type Adapter, type Client, type ClientOptions, createClient } from '@rosetta/core';
import { createScriptedFetch, type ScriptedFetch, type ScriptedStep } from './scripted-fetch';

/** What {@link createScriptedClient} returns: the client, and what its scripted transport saw. */
export interface ScriptedClient<A extends Adapter> {
  /** A client of the adapter whose every attempt takes the script's next step. */
  readonly client: Client<A>;
  /** `START <METHOD> <path+query>` per attempt, in order (the {@link ScriptedFetch} log). */
  readonly log: ScriptedFetch['log'];
  /** The requests as received (headers lower-cased). */
  readonly requests: ScriptedFetch['requests'];
}

/**
 * A client of `adapter` over {@link createScriptedFetch}, with no limiter and no backoff, so only the retry rule
 * decides what is sent again, at once. A fixture's `response` is a step as it is. `options` are the client's
 * (`baseUrl`, `auth`, `retry` merged over `{ baseDelayMs: 0 }`, `rateLimit` to turn the limiter back on).
 *
 * @example
 * const t = createScriptedClient(github, [gateway.response, success.response], { auth: { token: 'FAKE' } });
 * await t.client.post('/graphql', { body: { query: '{ viewer { login } }' } });
 * expect(t.log).toHaveLength(2);
 */
export function createScriptedClient<A extends Adapter>(
  adapter: A,
  script: readonly ScriptedStep[],
  options: Omit<ClientOptions, 'fetch'> = {},
): ScriptedClient<A> {
  const t = createScriptedFetch(script);
  const retry = options.retry === false ? false : { baseDelayMs: 0, ...options.retry };
  const client = createClient(adapter, { rateLimit: false, ...options, retry, fetch: t.fetch });
  return { client, log: t.log, requests: t.requests };
}
