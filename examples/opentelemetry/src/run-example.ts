import { ConsoleMetricExporter, MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, ConsoleSpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createClient } from '@rosetta/core';
import { github } from '@rosetta/github';
import { instrumentClient } from '@rosetta/opentelemetry';
import { loadFixtures, SIMULATE_HEADER, startSimulator } from '@rosetta/testkit';

/** What the example saw: the call outcomes, for its test. */
export interface ExampleResult {
  readonly outcomes: readonly string[];
}

/**
 * Calls GitHub, played by the provider simulator from the adapter's recorded fixtures, through an instrumented
 * client: a success, a 404 and a 503 that is retried. The console exporters print each call's span (attributes,
 * attempt and retry events) and the metrics.
 *
 * @example
 * await runExample();
 */
export async function runExample(): Promise<ExampleResult> {
  const fixtures = loadFixtures(new URL('../../../packages/adapters/github/test/fixtures', import.meta.url));
  const sim = await startSimulator({ providers: [{ id: 'github', fixtures }] });
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(new ConsoleSpanExporter())],
  });
  const meterProvider = new MeterProvider({
    readers: [
      new PeriodicExportingMetricReader({ exporter: new ConsoleMetricExporter(), exportIntervalMillis: 60_000 }),
    ],
  });
  const client = instrumentClient(
    createClient(github, {
      baseUrl: sim.urlFor('github'),
      auth: { token: 'ghp_FAKE_example_token' },
      retry: { baseDelayMs: 10, maxDelayMs: 10, maxRetries: 1 },
    }),
    { tracerProvider, meterProvider },
  );
  const outcomes: string[] = [];
  const call = async (fixture: string, path: string): Promise<void> => {
    const answer = await client.get(path, { headers: { [SIMULATE_HEADER]: fixture } }).then(
      () => 'success',
      (error: { kind: string }) => error.kind,
    );
    outcomes.push(`${fixture}: ${answer}`);
  };
  try {
    await call('rest-success-list-with-link', '/repos/octocat/hello-world/issues');
    await call('rest-not-found', '/repos/octocat/nope');
    await call('rest-service-unavailable', '/repos/octocat/hello-world');
  } finally {
    await client.close();
    await sim.close();
    await meterProvider.shutdown(); // exports the metrics once
    await tracerProvider.shutdown();
  }
  return { outcomes };
}
