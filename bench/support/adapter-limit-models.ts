import { airtable } from '@rosetta/airtable';
import { asana } from '@rosetta/asana';
import { bamboohr } from '@rosetta/bamboohr';
import { type Client, createClient } from '@rosetta/core';
import { google } from '@rosetta/google';
import { intercom } from '@rosetta/intercom';
import { jira } from '@rosetta/jira';
import { linear } from '@rosetta/linear';
import { microsoftGraph } from '@rosetta/microsoft-graph';
import { notion } from '@rosetta/notion';
import { quickbooks } from '@rosetta/quickbooks';
import { salesforce } from '@rosetta/salesforce';
import { xero } from '@rosetta/xero';
import { zendesk } from '@rosetta/zendesk';
import type { LimitCall, LimitModel, ModelClass } from './limit-models';
import { type MeterEntry, meter, minimumMs } from './windowed-model';

// One entry per adapter: the simulator's model of the provider's limit as data (a `windowed` limit of meters, each
// with the provider's state headers, as the adapter's own reader parses them, and its throttle or quota answer taken
// from the adapter's cited fixture), and Rosetta with that adapter's default buckets, at most their numbers set to
// the model's compressed windows. How to add one: docs/benchmarks.md, "Adding an adapter to the limits benchmark".

/** What an entry states; `adapterModel` derives the simulator limit and the minimum from its meters. */
interface AdapterEntry {
  readonly id: string;
  readonly title: string;
  readonly class: ModelClass;
  readonly describe: string;
  /** Meters, checked in order; the first that does not fit answers. */
  readonly meters: readonly MeterEntry[];
  /** The meter that paces the calls the quota allows (its index), for the minimum; none: the minimum is 0. */
  readonly pacedBy?: number;
  readonly calls: number;
  /** The quota, when a meter is one: its name and how many calls it allows. */
  readonly quota?: { readonly by: string; readonly allows: number; readonly burstBy?: string };
  readonly main: (index: number) => LimitCall;
  readonly adapter: string;
  readonly settings: string;
  readonly create: (baseUrl: string) => Client;
}

function adapterModel(entry: AdapterEntry): LimitModel {
  const attainable = entry.quota?.allows ?? entry.calls;
  const paced = entry.pacedBy === undefined ? undefined : entry.meters[entry.pacedBy];
  const fixed = paced?.window === 'fixed';
  return {
    id: entry.id,
    title: entry.title,
    class: entry.class,
    provider: entry.id.split('-')[0] as string,
    limits: [{ model: 'windowed', meters: entry.meters.map(meter) }],
    describe: entry.describe,
    calls: entry.calls,
    attainable,
    main: entry.main,
    minimumMs: (start) =>
      paced === undefined ? 0 : minimumMs(paced.window, attainable, paced.limit, paced.windowMs, start),
    // Fixed windows on whole windows: every client starts a tenth into one, so the minimum is the same for all.
    ...(fixed && paced !== undefined ? { phase: { windowMs: paced.windowMs, atMs: paced.windowMs / 10 } } : {}),
    rosetta: { adapter: entry.adapter, settings: entry.settings, create: (baseUrl) => entry.create(baseUrl) },
    ...(entry.quota === undefined
      ? {}
      : {
          quota: { by: entry.quota.by, ...(entry.quota.burstBy === undefined ? {} : { burstBy: entry.quota.burstBy }) },
        }),
  };
}

const get = (route: string, params: Record<string, string>): LimitCall => ({ method: 'GET', route, params });
const DAY = 86_400_000;

/** The limits-benchmark models of the adapters with declared buckets (GitHub, Slack, Stripe, Shopify and HubSpot are in `limit-models.ts`). */
export const ADAPTER_LIMIT_MODELS: readonly LimitModel[] = [
  adapterModel({
    // Sforce-Limit-Info "api-usage=used/max" on every REST answer (headers_api_usage.htm); spent: 403
    // REQUEST_LIMIT_EXCEEDED "TotalRequests Limit exceeded."; the allocation rolls over 24 hours.
    id: 'salesforce',
    title: 'Salesforce: rolling 24-hour API allocation (@rosetta/salesforce)',
    class: 'quota',
    describe:
      'allocation 300 per rolling 24 h (no reset during the run), `Sforce-Limit-Info: api-usage=used/300` on every answer, 403 `REQUEST_LIMIT_EXCEEDED` when spent',
    meters: [
      {
        name: 'TotalRequests',
        window: 'sliding',
        limit: 300,
        windowMs: DAY,
        headers: { 'sforce-limit-info': 'api-usage={used}/{limit}' },
        refusal: { fixture: ['salesforce', 'request-limit-total-403'] },
      },
    ],
    calls: 400,
    quota: { by: 'TotalRequests', allows: 300 },
    main: (i) => get('/sobjects/Account/{id}', { id: `001${String(i).padStart(12, '0')}` }),
    adapter: 'salesforce',
    settings: 'defaults (Sforce-Limit-Info tells the allocation)',
    create: (baseUrl) =>
      createClient(salesforce, { baseUrl: `${baseUrl}/services/data/v62.0`, auth: { token: 'bench' } }),
  }),
  adapterModel({
    // "60 calls per minute" per tenant, X-MinLimit-Remaining on every answer (no reset stated); spent: 429 with
    // Retry-After seconds and X-Rate-Limit-Problem: minute (developer.xero.com/documentation/guides/oauth2/limits).
    id: 'xero',
    title: 'Xero: calls per minute per tenant, remaining stated, 429 + Retry-After (@rosetta/xero)',
    class: 'state',
    describe:
      '100 per any 1 s (sliding), X-MinLimit-Remaining on every answer (no reset), 429 + Retry-After + X-Rate-Limit-Problem: minute',
    meters: [
      {
        name: 'minute',
        window: 'sliding',
        limit: 100,
        windowMs: 1_000,
        headers: { 'x-minlimit-remaining': '{remaining}' },
        refusal: {
          fixture: ['xero', 'rate-limited-minute-429'],
          headers: { 'retry-after': '{retryAfterSeconds}' },
        },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: () => get('/Invoices/{id}', { id: '00000000-0000-0000-0000-00000000FAKE' }),
    adapter: 'xero',
    settings: "`buckets: { minute: { limit: 100, windowMs: 1_000 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(xero, {
        baseUrl,
        auth: { token: 'eyJ.bench' },
        rateLimit: { buckets: { minute: { limit: 100, windowMs: 1_000 } } },
      }),
  }),
  adapterModel({
    // The app's window of 10 s with X-RateLimit-Limit / -Remaining / -Reset (UNIX seconds) on every authenticated
    // answer; spent: 429 `rate_limit_exceeded` in an error list, no Retry-After
    // (developers.intercom.com/docs/references/2.17/rest-api/errors/rate-limiting).
    id: 'intercom',
    title: 'Intercom: the app window, state headers, 429 without a hint (@rosetta/intercom)',
    class: 'state',
    describe:
      '100 per 1 s fixed window (every client starts 100 ms into one), X-RateLimit-Limit / -Remaining / -Reset (epoch seconds) on every answer, 429 `rate_limit_exceeded` with no Retry-After',
    meters: [
      {
        name: 'app',
        window: 'fixed',
        limit: 100,
        windowMs: 1_000,
        headers: {
          'x-ratelimit-limit': '{limit}',
          'x-ratelimit-remaining': '{remaining}',
          'x-ratelimit-reset': '{resetEpochSeconds}',
        },
        refusal: { fixture: ['intercom', 'rate-limited-app-window-429'] },
      },
    ],
    pacedBy: 0,
    calls: 350,
    main: (i) => get('/contacts/{id}', { id: `FAKE${String(i + 1).padStart(8, '0')}` }),
    adapter: 'intercom',
    settings: "`buckets: { app: { limit: 100, windowMs: 1_000 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(intercom, {
        baseUrl,
        auth: { token: 'bench' },
        rateLimit: { buckets: { app: { limit: 100, windowMs: 1_000 } } },
      }),
  }),
  adapterModel({
    // "X-Rate-Limit: 700", "X-Rate-Limit-Remaining", "ratelimit-reset: 41" seconds until the minute resets (the
    // adapter's rateLimitHeaders, developer.zendesk.com rate-limits); spent: 429 with Retry-After and a text body.
    // The minute runs here in a second, so its seconds are stated in sixtieths of one (`{resetSeconds:60}`): whole
    // seconds would tell nothing of a one-second window, where the real header places the reset within 1/60 of the
    // minute (docs/benchmarks.md, "Compressed windows keep their headers' resolution").
    id: 'zendesk',
    title: 'Zendesk Support: requests per minute per account (@rosetta/zendesk)',
    class: 'state',
    describe:
      "100 per 1 s fixed window (every client starts 100 ms into one), X-Rate-Limit / -Remaining / ratelimit-reset on every answer (Zendesk's minute compressed 60x: its whole seconds are stated as sixtieths of a second, `0.900`), 429 + Retry-After (the same) + text body",
    meters: [
      {
        name: 'account',
        window: 'fixed',
        limit: 100,
        windowMs: 1_000,
        headers: {
          'x-rate-limit': '{limit}',
          'x-rate-limit-remaining': '{remaining}',
          'ratelimit-reset': '{resetSeconds:60}',
        },
        refusal: {
          fixture: ['zendesk', 'rate-limited-account-429-text'],
          headers: { 'retry-after': '{retryAfterSeconds:60}' },
        },
      },
    ],
    pacedBy: 0,
    calls: 350,
    main: (i) => get('/tickets/{id}.json', { id: String(i + 1) }),
    adapter: 'zendesk',
    settings: "`buckets: { account: { limit: 100, windowMs: 1_000 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(zendesk, {
        baseUrl: `${baseUrl}/api/v2`,
        auth: { username: 'agent@acme.example/token', password: 'bench' },
        rateLimit: { buckets: { account: { limit: 100, windowMs: 1_000 } } },
      }),
  }),
  adapterModel({
    // Per-endpoint token buckets ("GET 100 ... requests per second"), 429 + Retry-After + RateLimit-Reason
    // jira-burst-based; no state header on a success (developer.atlassian.com cloud/jira/platform/rate-limiting).
    id: 'jira',
    title: 'Jira Cloud: per-endpoint burst token bucket (@rosetta/jira)',
    class: 'retry-after',
    describe:
      'GET 100 per second, burst 100 (the documented numbers, not compressed), no state on a success, 429 + Retry-After + RateLimit-Reason `jira-burst-based`',
    meters: [
      {
        name: 'jira-burst-based',
        window: 'token',
        limit: 100,
        windowMs: 1_000,
        refusal: {
          fixture: ['jira', 'rate-limited-burst-429'],
          headers: {
            'retry-after': '{retryAfterSeconds}',
            'x-ratelimit-limit': '{limit}',
            'x-ratelimit-remaining': '{remaining}',
            'x-ratelimit-reset': '{resetIso}',
          },
        },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: (i) => get('/rest/api/3/issue/{key}', { key: `FAKE-${i + 1}` }),
    adapter: 'jira',
    settings: 'defaults (the model uses the documented 100/s)',
    create: (baseUrl) => createClient(jira, { baseUrl, auth: { username: 'you@example.com', password: 'bench' } }),
  }),
  adapterModel({
    // "an average of three requests per second. Some bursts beyond the average rate are allowed"; 429 rate_limited
    // with Retry-After seconds, no state headers (developers.notion.com/reference/request-limits).
    id: 'notion',
    title: 'Notion: per-connection average rate, Retry-After only (@rosetta/notion)',
    class: 'retry-after',
    describe: '100 per second, burst 10 (token bucket), no state headers, 429 `rate_limited` + Retry-After seconds',
    meters: [
      {
        name: 'rate_limited',
        window: 'token',
        limit: 10,
        windowMs: 100,
        refusal: {
          fixture: ['notion', 'rate-limited-429-retry-after'],
          headers: { 'retry-after': '{retryAfterSeconds}' },
        },
      },
    ],
    pacedBy: 0,
    calls: 210,
    main: (i) => get('/v1/pages/{id}', { id: `59833787-2cf9-4fdf-8782-${String(i).padStart(12, '0')}` }),
    adapter: 'notion',
    settings: "`buckets: { connection: { ratePerSec: 100, burst: 10 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(notion, {
        baseUrl,
        auth: { token: 'secret_bench' },
        rateLimit: { buckets: { connection: { ratePerSec: 100, burst: 10 } } },
      }),
  }),
  adapterModel({
    // Drive: "Queries per 60 seconds per user"; 403 userRateLimitExceeded in the Workspace `errors[]` format, no
    // Retry-After, no state headers (developers.google.com/workspace/drive/api/guides/limits).
    id: 'google',
    title: 'Google Drive: per-user queries per minute, no hint (@rosetta/google)',
    class: 'retry-after',
    describe: '100 per any 1 s per user (sliding), no state headers, 403 `userRateLimitExceeded` with no Retry-After',
    meters: [
      {
        name: 'userRateLimitExceeded',
        window: 'sliding',
        limit: 100,
        windowMs: 1_000,
        refusal: { fixture: ['google', 'calendar-user-rate-limit-403'] },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: (i) => get('/drive/v3/files/{id}', { id: `file${i}` }),
    adapter: 'google',
    settings: "`buckets: { user: { limit: 100, windowMs: 1_000 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(google, {
        baseUrl,
        auth: { token: 'ya29.bench' },
        rateLimit: { buckets: { user: { limit: 100, windowMs: 1_000 } } },
      }),
  }),
  adapterModel({
    // Gmail's per-project daily quota: 403 dailyLimitExceeded (quota_exceeded), in front of the per-user rate.
    id: 'google-daily',
    title: 'Google: daily quota in front of the per-user rate (@rosetta/google)',
    class: 'quota',
    describe:
      'daily 300 (no reset during the run) and 100 per any 1 s per user, no state headers; 403 `dailyLimitExceeded` / `userRateLimitExceeded`',
    meters: [
      {
        name: 'dailyLimitExceeded',
        window: 'fixed',
        limit: 300,
        windowMs: DAY,
        refusal: { fixture: ['google', 'gmail-daily-limit-exceeded-403'] },
      },
      {
        name: 'userRateLimitExceeded',
        window: 'sliding',
        limit: 100,
        windowMs: 1_000,
        refusal: { fixture: ['google', 'calendar-user-rate-limit-403'] },
      },
    ],
    pacedBy: 1,
    calls: 400,
    quota: { by: 'dailyLimitExceeded', allows: 300, burstBy: 'userRateLimitExceeded' },
    main: (i) => get('/gmail/v1/users/me/messages/{id}', { id: `m${i}` }),
    adapter: 'google',
    settings: "`buckets: { user: { limit: 100, windowMs: 1_000 } }` (the model's numbers; no quota is declared)",
    create: (baseUrl) =>
      createClient(google, {
        baseUrl,
        auth: { token: 'ya29.bench' },
        rateLimit: { buckets: { user: { limit: 100, windowMs: 1_000 } } },
      }),
  }),
  adapterModel({
    // Outlook: "10,000 API requests in a 10-minute period" per app and mailbox, algorithm undisclosed; 429
    // TooManyRequests with a decimal Retry-After, no state headers (learn.microsoft.com/graph/throttling-limits).
    id: 'msgraph',
    title: 'Microsoft Graph: Outlook requests per app and mailbox, Retry-After only (@rosetta/microsoft-graph)',
    class: 'retry-after',
    describe: '100 per any 1 s per mailbox (sliding), no state headers, 429 `TooManyRequests` + decimal Retry-After',
    meters: [
      {
        name: 'TooManyRequests',
        window: 'sliding',
        limit: 100,
        windowMs: 1_000,
        refusal: {
          fixture: ['microsoft-graph', 'too-many-requests-429-decimal-retry-after'],
          headers: { 'retry-after': '{retryAfterExact}' },
        },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: (i) => get('/me/messages/{id}', { id: `AAMk${i}` }),
    adapter: 'microsoft-graph',
    settings: "`buckets: { mailbox: { limit: 100, windowMs: 1_000 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(microsoftGraph, {
        baseUrl: `${baseUrl}/v1.0`,
        auth: { token: 'eyJ.bench' },
        rateLimit: { buckets: { mailbox: { limit: 100, windowMs: 1_000 } } },
      }),
  }),
  adapterModel({
    // No published number ("API requests can be throttled if BambooHR deems them to be too frequent"); since
    // 2026-09-16 a 429 with Retry-After seconds, no state headers (documentation.bamboohr.com planned-changes-to-the-api).
    id: 'bamboohr',
    title: 'BambooHR: undisclosed rate, 429 + Retry-After only (@rosetta/bamboohr)',
    class: 'retry-after',
    describe:
      '100 per any 1 s per key (sliding: BambooHR names no algorithm and no number), no state headers, 429 + Retry-After seconds (fixture `rate-limited-429-retry-after`)',
    meters: [
      {
        name: 'rate_limited',
        window: 'sliding',
        limit: 100,
        windowMs: 1_000,
        refusal: {
          fixture: ['bamboohr', 'rate-limited-429-retry-after'],
          headers: { 'retry-after': '{retryAfterSeconds}' },
        },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: (i) => get('/employees/{id}', { id: String(i + 1) }),
    adapter: 'bamboohr',
    settings:
      'defaults (BambooHR publishes no number: `api` probes with a few calls in flight, learns its window from the first 429)',
    create: (baseUrl) =>
      createClient(bamboohr, {
        baseUrl: `${baseUrl}/api/gateway.php/acme/v1`,
        auth: { username: 'bench-api-key', password: 'x' },
      }),
  }),
  adapterModel({
    // Standard: "requests per minute", "evaluated more frequently than once per minute" (so sliding); 429 with
    // Retry-After seconds on every limiter, no state headers (developers.asana.com/docs/rate-limits).
    id: 'asana',
    title: 'Asana: per-token requests per minute, Retry-After only (@rosetta/asana)',
    class: 'retry-after',
    describe:
      '100 per any 1 s per token (sliding), no state headers, 429 + Retry-After seconds (fixture `rate-limited-standard-429`); reads, at most 50 in flight, never bind',
    meters: [
      {
        name: 'standard',
        window: 'sliding',
        limit: 100,
        windowMs: 1_000,
        refusal: {
          fixture: ['asana', 'rate-limited-standard-429'],
          headers: { 'retry-after': '{retryAfterSeconds}' },
        },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: (i) => get('/tasks/{gid}', { gid: String(1_200_000_000_000_000 + i) }),
    adapter: 'asana',
    settings: "`buckets: { standard: { limit: 100, windowMs: 1_000 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(asana, {
        baseUrl: `${baseUrl}/api/1.0`,
        auth: { token: 'bench' },
        rateLimit: { buckets: { standard: { limit: 100, windowMs: 1_000 } } },
      }),
  }),
  adapterModel({
    // "10 requests per second, per realm ID and app" (and 500 a minute); "HTTP Status Code 429 when throttling
    // occurs. If you see this, wait 60 seconds"; no Retry-After, no state headers
    // (developer.intuit.com/app/developer/qbo/docs/learn/limits-and-throttles).
    id: 'quickbooks',
    title: 'QuickBooks Online: requests per second per realm, 429 with no hint (@rosetta/quickbooks)',
    class: 'retry-after',
    describe:
      '100 per second per realm, burst 10 (the documented 10 per second scaled 10x), no state headers, 429 without Retry-After or body (fixture `throttled-429-no-retry-after`; the adapter waits the documented 60 s)',
    meters: [
      {
        name: 'throttled',
        window: 'token',
        limit: 10,
        windowMs: 100,
        refusal: { fixture: ['quickbooks', 'throttled-429-no-retry-after'] },
      },
    ],
    pacedBy: 0,
    calls: 210,
    main: (i) => get('/invoice/{id}', { id: String(i + 1) }),
    adapter: 'quickbooks',
    settings:
      "`buckets: { 'realm-second': { ratePerSec: 100, burst: 10 } }` (the model's numbers; `realm` 500/min and `realm-concurrency` 10 as declared)",
    create: (baseUrl) =>
      createClient(quickbooks, {
        baseUrl: `${baseUrl}/v3/company/9130350000000000`,
        auth: { token: 'bench' },
        rateLimit: { buckets: { 'realm-second': { ratePerSec: 100, burst: 10 } } },
      }),
  }),
  adapterModel({
    // "We use the leaky bucket algorithm ... tokens are refilled with a constant rate of LIMIT_AMOUNT /
    // LIMIT_PERIOD", 1,500 requests per hour for an API key; X-RateLimit-Requests-Limit / -Remaining / -Reset ("in
    // UTC epoch milliseconds") on every answer; throttled: HTTP 400 with errors[].extensions.code RATELIMITED and no
    // Retry-After (linear.app/developers/rate-limiting; fixture `ratelimited-400-requests-budget`).
    id: 'linear',
    title: 'Linear: requests budget, a leaky bucket stated on every answer, 400 RATELIMITED (@rosetta/linear)',
    class: 'state',
    describe:
      'bucket of 100 refilled at 100 per second (Linear: 1,500 refilled over an hour), X-RateLimit-Requests-Limit / -Remaining / -Reset (epoch ms) on every answer, 400 `RATELIMITED` without Retry-After; successes from fixture `success-viewer` (its complexity headers, 2 points a query, never bind)',
    meters: [
      {
        name: 'requests',
        window: 'token',
        limit: 100,
        windowMs: 1_000,
        headers: {
          'x-ratelimit-requests-limit': '{limit}',
          'x-ratelimit-requests-remaining': '{remaining}',
          'x-ratelimit-requests-reset': '{resetEpochMs}',
        },
        refusal: { fixture: ['linear', 'ratelimited-400-requests-budget'] },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: () => ({ method: 'POST', route: '/graphql', params: {}, body: { query: '{ viewer { id name } }' } }),
    adapter: 'linear',
    settings: "`buckets: { requests: { ratePerSec: 100, burst: 100 } }` (the model's numbers)",
    create: (baseUrl) =>
      createClient(linear, {
        baseUrl,
        auth: { token: 'lin_api_bench' },
        rateLimit: { buckets: { requests: { ratePerSec: 100, burst: 100 } } },
      }),
  }),
  adapterModel({
    // "5 requests per second per base", "50 requests per second for all traffic using personal access tokens from a
    // given user"; "If you exceed these rates, you will receive a 429 status code and will need to wait 30 seconds
    // before subsequent requests will succeed"; no algorithm, no state headers, no Retry-After
    // (airtable.com/developers/web/api/rate-limits; fixture `rate-limit-reached-429-errors-list`).
    id: 'airtable',
    title: 'Airtable: requests per second per base, then a penalty, no hint (@rosetta/airtable)',
    class: 'retry-after',
    describe:
      '100 per any 1 s per base and 1,000 per token (sliding: Airtable names no algorithm; its 5 and 50 scaled 20x), then everything refused for 300 ms (its 30 s penalty, compressed 100x), no state headers, 429 `RATE_LIMIT_REACHED` without Retry-After',
    meters: [
      {
        name: 'base',
        window: 'sliding',
        limit: 100,
        windowMs: 1_000,
        penaltyMs: 300,
        refusal: { fixture: ['airtable', 'rate-limit-reached-429-errors-list'] },
      },
      {
        name: 'token',
        window: 'sliding',
        limit: 1_000,
        windowMs: 1_000,
        penaltyMs: 300,
        refusal: { fixture: ['airtable', 'rate-limit-reached-429-errors-list'] },
      },
    ],
    pacedBy: 0,
    calls: 300,
    main: (i) =>
      get('/v0/{baseId}/{table}/{recordId}', {
        baseId: 'appFAKE0000000001',
        table: 'Tasks',
        recordId: `rec${String(i).padStart(14, '0')}`,
      }),
    adapter: 'airtable',
    settings:
      "`buckets: { base: { limit: 100 }, token: { limit: 1_000 } }` (the model's numbers; both 1 s sliding windows)",
    create: (baseUrl) =>
      createClient(airtable, {
        baseUrl,
        auth: { token: 'patFAKE.bench' },
        rateLimit: { buckets: { base: { limit: 100 }, token: { limit: 1_000 } } },
      }),
  }),
];
