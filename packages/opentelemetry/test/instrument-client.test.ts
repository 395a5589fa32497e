import { propagation } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { type DataPoint, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createClient, genericAdapter } from '@rosetta/core';
import { github } from '@rosetta/github';
import { hubspot } from '@rosetta/hubspot';
import { createScriptedFetch, loadFixtures, type ScriptedStep } from '@rosetta/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { instrumentClient } from '../src/index';

/** Collects on demand: what a periodic reader would export, without a timer. */
class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

const TOKEN = 'ghp_FAKE0000000000000000000000otel';
const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let reader: TestReader;
let meterProvider: MeterProvider;

beforeAll(() => propagation.setGlobalPropagator(new W3CTraceContextPropagator()));
afterAll(() => propagation.disable());
beforeEach(() => {
  exporter.reset();
  reader = new TestReader();
  meterProvider = new MeterProvider({ readers: [reader] });
});

function githubClient(steps: readonly ScriptedStep[]) {
  const t = createScriptedFetch(steps);
  const client = instrumentClient(
    createClient(github, { fetch: t.fetch, auth: { token: TOKEN }, retry: { baseDelayMs: 1, maxDelayMs: 1 } }),
    { tracerProvider, meterProvider },
  );
  return { t, client };
}

const spans = (): ReadableSpan[] => exporter.getFinishedSpans();
const only = (): ReadableSpan => {
  expect(spans()).toHaveLength(1);
  return spans()[0] as ReadableSpan;
};

/** Data points of one metric, by name. */
async function points(name: string): Promise<DataPoint<unknown>[]> {
  const { resourceMetrics } = await reader.collect();
  const metric = resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).find((m) => m.descriptor.name === name);
  return (metric?.dataPoints ?? []) as DataPoint<unknown>[];
}

describe('instrumentClient', () => {
  it('makes a CLIENT span per call with the HTTP client conventions, and sends its traceparent', async () => {
    const { t, client } = githubClient([{ status: 200, body: { full_name: 'octocat/hello-world' } }]);
    await client.get('/repos/{owner}/{repo}', { params: { owner: 'octocat', repo: 'hello-world' } });
    const span = only();
    expect(span.name).toBe('GET /repos/{owner}/{repo}');
    expect(span.kind).toBe(2); // SpanKind.CLIENT
    expect(span.attributes).toMatchObject({
      'http.request.method': 'GET',
      'server.address': 'api.github.com',
      'server.port': 443,
      'url.full': 'https://api.github.com/repos/octocat/hello-world',
      'url.template': '/repos/{owner}/{repo}',
      'http.response.status_code': 200,
      'rosetta.provider': 'github',
    });
    expect(span.attributes['http.request.resend_count']).toBeUndefined();
    const { traceId, spanId } = span.spanContext();
    expect(t.requests[0]?.headers.traceparent).toBe(`00-${traceId}-${spanId}-01`);
    await client.close();
  });

  it('records each attempt and each retry with its reason, and the resend count', async () => {
    const { client } = githubClient([
      { status: 502, body: { message: 'Server Error' } },
      { status: 200, body: {} },
    ]);
    await client.get('/user');
    const span = only();
    expect(span.attributes['http.request.resend_count']).toBe(1);
    expect(span.events.map((e) => e.name)).toEqual(['rosetta.attempt', 'rosetta.retry', 'rosetta.attempt']);
    expect(span.events[0]?.attributes).toMatchObject({ 'rosetta.attempt': 1, 'http.response.status_code': 502 });
    expect(span.events[1]?.attributes).toMatchObject({ 'rosetta.attempt': 1, 'rosetta.retry.reason': 'unavailable' });
    const retries = await points('rosetta.client.retries');
    expect(retries).toEqual([
      expect.objectContaining({
        value: 1,
        attributes: { 'rosetta.provider': 'github', 'rosetta.retry.reason': 'unavailable' },
      }),
    ]);
    await client.close();
  });

  it('ends a failed call as an error whose type is the Rosetta kind, and measures its duration', async () => {
    const { client } = githubClient([{ status: 404, body: { message: 'Not Found' } }]);
    await expect(client.get('/repos/octocat/nope')).rejects.toMatchObject({ kind: 'not_found' });
    const span = only();
    expect(span.status.code).toBe(2); // SpanStatusCode.ERROR
    expect(span.attributes).toMatchObject({
      'error.type': 'not_found',
      'http.response.status_code': 404,
      'rosetta.error.retryable': false,
    });
    expect(span.events.at(-1)?.name).toBe('exception');
    const durations = await points('http.client.request.duration');
    expect(durations).toHaveLength(1);
    expect(durations[0]?.attributes).toEqual({
      'http.request.method': 'GET',
      'rosetta.provider': 'github',
      'server.address': 'api.github.com',
      'server.port': 443,
      'http.response.status_code': 404,
      'error.type': 'not_found',
    });
    expect(durations[0]?.value).toMatchObject({ count: 1 });
    await client.close();
  });

  it('puts nothing secret in a span: the token in a query, a header or an echoed error body stays out', async () => {
    const t = createScriptedFetch([{ status: 401, body: { message: `Bad credentials ${TOKEN}` } }]);
    const client = instrumentClient(
      createClient(genericAdapter, { baseUrl: 'https://api.example.com', fetch: t.fetch, auth: { token: TOKEN } }),
      { tracerProvider, meterProvider },
    );
    await expect(client.get('/items', { query: { access_token: TOKEN } })).rejects.toMatchObject({
      kind: 'authentication',
    });
    expect(t.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const recorded = JSON.stringify(spans().map((s) => ({ a: s.attributes, e: s.events, st: s.status, n: s.name })));
    expect(recorded).toContain('https://api.example.com/items');
    expect(recorded).not.toContain(TOKEN);
    const { resourceMetrics } = await reader.collect();
    expect(JSON.stringify(resourceMetrics.scopeMetrics)).not.toContain(TOKEN);
    await client.close();
  });

  it('names no credential the call wrote into its path or query, sent or refused before sending', async () => {
    const HOOK = 'ZqHookZ1aZbcZde';
    const t = createScriptedFetch([{ status: 401, body: { message: 'no' } }]);
    const client = instrumentClient(
      createClient(genericAdapter, { baseUrl: 'https://api.example.com', fetch: t.fetch, secrets: [HOOK] }),
      { tracerProvider, meterProvider },
    );
    await expect(client.get(`/hooks/${HOOK}/{id}?access_token=${TOKEN}`, { params: { id: 7 } })).rejects.toThrow();
    await expect(client.post(`/hooks/${HOOK}/\r\nx`)).rejects.toMatchObject({ code: 'invalid_path' });
    const [sent, refused] = spans();
    expect(sent?.name).toBe('GET /hooks/[REDACTED]/{id}');
    expect(sent?.attributes['url.template']).toBe('/hooks/[REDACTED]/{id}');
    expect(refused?.name).toBe('POST');
    const recorded = JSON.stringify(spans().map((s) => ({ a: s.attributes, e: s.events, st: s.status, n: s.name })));
    expect(recorded).not.toContain(HOOK);
    expect(recorded).not.toContain(TOKEN);
    await client.close();
  });

  it('counts a call stopped by a spent quota', async () => {
    // HubSpot's daily limit (packages/adapters/hubspot/test/fixtures/quota-daily.json).
    const daily = loadFixtures(new URL('../../adapters/hubspot/test/fixtures', import.meta.url)).find(
      (f) => f.name === 'quota-daily',
    );
    if (daily === undefined) throw new Error('no quota-daily fixture');
    const t = createScriptedFetch([{ status: 429, headers: daily.response.headers ?? {}, body: daily.response.body }]);
    const client = instrumentClient(createClient(hubspot, { fetch: t.fetch, auth: { token: 'pat-FAKE' } }), {
      tracerProvider,
      meterProvider,
    });
    await expect(client.get('/crm/v3/objects/companies')).rejects.toMatchObject({ kind: 'quota_exceeded' });
    expect(await points('rosetta.client.quota_stops')).toEqual([
      expect.objectContaining({ value: 1, attributes: { 'rosetta.provider': 'hubspot' } }),
    ]);
    expect(only().attributes['error.type']).toBe('quota_exceeded');
    await client.close();
  });

  it('traces client.fetch (an official SDK beneath Rosetta) with the status it handed back', async () => {
    const { t, client } = githubClient([{ status: 404, body: { message: 'Not Found' } }]);
    const response = await client.fetch('https://api.github.com/repos/o/r', {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(404);
    const span = only();
    expect(span.name).toBe('GET');
    expect(span.attributes).toMatchObject({ 'http.response.status_code': 404, 'error.type': '404' });
    expect(t.requests[0]?.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(t.requests[0]?.headers.accept).toBe('application/json');
    await client.close();
  });

  it('counts the calls the rate limiter held, by bucket', async () => {
    const t = createScriptedFetch([
      { status: 200, body: {} },
      { status: 200, body: {} },
    ]);
    const client = instrumentClient(
      createClient(genericAdapter, {
        baseUrl: 'https://api.example.com',
        fetch: t.fetch,
        rateLimit: {
          extra: [{ id: 'pace', model: 'min-interval', intervalMs: 60_000, source: 'https://example.com/limits' }],
        },
      }),
      { tracerProvider, meterProvider },
    );
    // A fake clock: on a loaded machine a short real interval could pass before the second call asks, and nothing waits.
    vi.useFakeTimers();
    try {
      const both = Promise.all([client.get('/a'), client.get('/b')]);
      await vi.advanceTimersByTimeAsync(60_000);
      await both;
    } finally {
      vi.useRealTimers();
    }
    const waits = await points('rosetta.client.rate_limit.waits');
    expect(waits).toEqual([expect.objectContaining({ value: 1 })]);
    expect(waits[0]?.attributes).toMatchObject({ 'rosetta.provider': 'generic', 'rosetta.rate_limit.bucket': 'pace' });
    expect(spans()).toHaveLength(2);
    await client.close();
  });

  it('leaves the rest of the client as it was, and close() stops listening', async () => {
    const t = createScriptedFetch([{ status: 200, body: {} }]);
    const inner = createClient(github, { fetch: t.fetch });
    const client = instrumentClient(inner, { tracerProvider, meterProvider });
    expect(client.adapter).toBe(github);
    expect(client.pending).toBe(0);
    await client.close();
    // The inner client is closed too: its calls are refused.
    await expect(inner.get('/user')).rejects.toMatchObject({ kind: 'aborted' });
  });
});
