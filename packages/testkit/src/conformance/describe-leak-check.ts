import { type AuthOptions, type AuthScheme, type ClientEventName, createClient, isApiError } from '@rosetta/core';
import { describe, expect, it, vi } from 'vitest';
import { createScriptedFetch, type ScriptedFetch } from '../scripted-fetch';
import {
  asMethod,
  type ConformanceContext,
  readFixture,
  SETTLE_SLACK_MS,
  settle,
  useFakeClock,
  wireResponse,
} from './conformance-context';
import { errorSurfaces, valueSurfaces } from './error-surfaces';
import type { AdapterFixture } from './fixture';
import { findSecretLeaks, randomSecret } from './secret-leaks';

// A Record, so that a new client event fails to compile here until the leak check listens to it.
const EVENTS: Readonly<Record<ClientEventName, true>> = {
  request: true,
  response: true,
  retry: true,
  error: true,
  rateLimitWait: true,
  warning: true,
};
const CREDENTIAL_FIELDS = ['apiKey', 'token', 'username', 'password'] as const;

/**
 * Check 4: for each auth scheme the adapter declares, a random secret goes on the wire, and no
 * 6-character piece of it (raw or URL-encoded) shows in the error's texts, the success meta or any
 * event payload. One retry is allowed, so `retry` events are covered too.
 */
export function describeLeakCheck(ctx: ConformanceContext): void {
  describe('no credential fragment in errors, meta or events (every declared auth scheme)', () => {
    for (const fixture of ctx.fixtures) {
      it(fixture.name, async () => {
        for (const scheme of declaredSchemes(ctx)) await checkScheme(ctx, fixture, scheme);
      });
    }
  });
}

async function checkScheme(ctx: ConformanceContext, fixture: AdapterFixture, scheme: AuthScheme): Promise<void> {
  const secret = randomSecret();
  useFakeClock(fixture);
  const script = createScriptedFetch([wireResponse(fixture)]);
  const client = createClient(ctx.adapter, {
    baseUrl: ctx.baseUrl,
    fetch: script.fetch,
    rateLimit: false,
    deadlineMs: ctx.deadlineMs,
    auth: withSecret(ctx.credentials, secret, scheme.type),
    retry: { maxRetries: 1, baseDelayMs: 0, maxDelayMs: 0, random: () => 0, maxRetryAfterMs: ctx.maxRetryAfterMs },
  });
  const surfaces: Record<string, string> = {};
  let count = 0;
  for (const event of Object.keys(EVENTS) as ClientEventName[]) {
    client.on(event, (payload) => {
      count += 1;
      Object.assign(surfaces, valueSurfaces(`event ${event} #${count}`, payload));
    });
  }
  const hint = Math.min(readFixture(ctx, fixture, fixture.request.method)?.retryAfterMs ?? 0, ctx.maxRetryAfterMs);
  const call = client.requestWithMeta({ method: asMethod(fixture.request.method), path: fixture.request.path });
  const outcome = await settle(call, hint + 2 * SETTLE_SLACK_MS, script);
  await client.close();
  vi.useRealTimers();

  if (outcome.ok) Object.assign(surfaces, valueSurfaces('meta', outcome.value.meta));
  else if (isApiError(outcome.error)) Object.assign(surfaces, errorSurfaces(outcome.error));
  else throw new Error(`the client threw something other than an ApiError: ${String(outcome.error)}`);
  // Without the secret on the wire, finding none of it would prove nothing.
  expect(wireCarries(script, secret), `the ${scheme.type} credential reached the wire`).toBe(true);
  expect(count, 'events were emitted').toBeGreaterThan(0);
  expect(findSecretLeaks(secret, surfaces), `leaks under the ${scheme.type} scheme`).toEqual([]);
}

/** The adapter's auth schemes, one per type (a client picks a scheme by type); bearer when none is declared. */
function declaredSchemes(ctx: ConformanceContext): AuthScheme[] {
  const byType = new Map<AuthScheme['type'], AuthScheme>();
  for (const scheme of ctx.adapter.auth ?? [{ type: 'bearer' }]) {
    if (!byType.has(scheme.type)) byType.set(scheme.type, scheme);
  }
  return [...byType.values()];
}

/** `credentials` with every credential field it sets (all four when none) replaced by `secret`. */
function withSecret(credentials: AuthOptions | undefined, secret: string, scheme: AuthScheme['type']): AuthOptions {
  const fields = CREDENTIAL_FIELDS.filter((field) => credentials === undefined || credentials[field] !== undefined);
  return { ...Object.fromEntries(fields.map((field) => [field, secret])), scheme };
}

/** Whether any scripted request carried the secret: raw, URL-encoded, or inside basic auth. */
function wireCarries(script: ScriptedFetch, secret: string): boolean {
  const texts = script.requests.flatMap((request) => [
    request.url,
    ...Object.values(request.headers).map((value) =>
      /^basic /i.test(value) ? Buffer.from(value.slice(6).trim(), 'base64').toString('utf8') : value,
    ),
  ]);
  return texts.some((text) => text.includes(secret) || text.includes(encodeURIComponent(secret)));
}
