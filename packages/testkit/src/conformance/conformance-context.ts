import {
  type Adapter,
  type ApiError,
  type AuthOptions,
  type HttpMethod,
  isApiError,
  normalizeResponse,
} from '@rosetta/core';
import { vi } from 'vitest';
import type { ScriptedFetch } from '../scripted-fetch';
import type { AdapterFixture } from './fixture';

/** A call's result, settled either way. */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** What every check of one adapter's conformance run shares. */
export interface ConformanceContext {
  readonly adapter: Adapter;
  readonly fixtures: readonly AdapterFixture[];
  readonly credentials: AuthOptions | undefined;
  readonly maxRetries: number;
  readonly maxRetryAfterMs: number;
  /** Long enough for every allowed server wait, so the deadline never cuts retries short. */
  readonly deadlineMs: number;
  readonly numRuns: number;
  /** `https://<id>.conformance.test`. */
  readonly origin: string;
  /** The origin plus the adapter's base path (Slack's `/api`): classifiers may route on the path. */
  readonly baseUrl: string;
}

/** Fake time added to every wait, so zero-delay timers and the last attempt complete. */
export const SETTLE_SLACK_MS = 1_000;

/** The URL a client sends the fixture's request to. */
export function targetUrl(ctx: ConformanceContext, fixture: AdapterFixture): URL {
  return new URL(`${ctx.baseUrl}${fixture.request.path}`);
}

/** Path and query of the fixture's request as it reaches the server (the attempt log's form). */
export function onTheWire(ctx: ConformanceContext, fixture: AdapterFixture): string {
  const url = targetUrl(ctx, fixture);
  return `${url.pathname}${url.search}`;
}

/** `normalizeResponse` of the fixture's response to a `method` request, at the current (maybe fake) time. */
export function readFixture(ctx: ConformanceContext, fixture: AdapterFixture, method: string): ApiError | null {
  const url = `${ctx.adapter.baseUrl}${fixture.request.path}`;
  return normalizeResponse(ctx.adapter, { ...fixture.response, method, url });
}

/** A response as it goes on the wire; also a `ScriptedStep`. */
export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** The fixture's response as a server sends it: JSON text for non-string bodies, typed as such. */
export function wireResponse(fixture: AdapterFixture): WireResponse {
  const { status, headers = {}, body } = fixture.response;
  if (body === undefined || typeof body === 'string') return { status, headers: { ...headers }, body: body ?? '' };
  const typed = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  return {
    status,
    headers: typed ? { ...headers } : { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

/** Fake timers and `Date`, the clock at the fixture's `now` (or the real time). */
export function useFakeClock(fixture: AdapterFixture): void {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    now: fixture.now === undefined ? Date.now() : Date.parse(fixture.now),
  });
}

/** Advances the fake clock by `waitMs` while `call` runs; throws if it is still pending then. */
export async function settle<T>(call: Promise<T>, waitMs: number, script: ScriptedFetch): Promise<Outcome<T>> {
  let outcome: Outcome<T> | undefined;
  const done = call.then(
    (value) => {
      outcome = { ok: true, value };
    },
    (error: unknown) => {
      outcome = { ok: false, error };
    },
  );
  await vi.advanceTimersByTimeAsync(waitMs);
  if (outcome === undefined) {
    throw new Error(
      `the call was still pending after ${waitMs} ms of fake time; attempts: ${JSON.stringify(script.log)}`,
    );
  }
  await done;
  return outcome;
}

/** Fixture methods are validated against the HTTP methods on load; the type only says `string`. */
export function asMethod(method: string): HttpMethod {
  return method.toUpperCase() as HttpMethod;
}

/** One line for an unexpected failure in an assertion message. */
export function errorSummary(error: unknown): string {
  return isApiError(error) ? `${error.kind}: ${error.message}` : String(error);
}
