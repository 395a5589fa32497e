export { createGzipBomb } from './fault-server/gzip-bomb';
export { type HtmlErrorPage, htmlErrorPage } from './fault-server/html-error-page';
export { type FaultServer, type RecordedRequest, startFaultServer } from './fault-server/start-fault-server';
export { createScriptedFetch, type ScriptedFetch, type ScriptedStep } from './scripted-fetch';
export { createScriptedClient, type ScriptedClient } from './scripted-client';
export type { AdapterFixture } from './conformance/fixture';
export {
  type CliProvider,
  parseSimulatorArgs,
  SIMULATOR_USAGE,
  type SimulatorArgs,
} from './simulator/parse-simulator-args';
export { SIMULATE_HEADER, startSimulator } from './simulator/start-simulator';
export { findInstalledAdapters, type InstalledAdapter } from './simulator/find-installed-adapters';
export type {
  ConcurrencyLimitModel,
  FlakyFault,
  FlakyScenario,
  GithubLimitModel,
  HubspotLimitModel,
  OutageScenario,
  ProviderStats,
  RateLimitStyle,
  ShopifyGraphqlLimitModel,
  ShopifyRestLimitModel,
  SimulatedLimit,
  SimulatedProvider,
  SimulatedRateLimit,
  SimulatedRoute,
  SimulatedWindow,
  SlackLimitModel,
  StripeLimitModel,
  TemplatedAnswer,
  WindowedLimitModel,
  WindowedMeter,
  WindowKind,
  Simulator,
  SimulatorOptions,
  SimulatorScenario,
  SlowScenario,
} from './simulator/types';
export { loadFixtures, parseFixture } from './conformance/load-fixtures';
export { fixtureBody } from './conformance/fixture-body';
export { FixtureError } from './conformance/fixture-error';
export { adapterFixtureSchema } from './conformance/fixture-schema';
export { missingFixtureCategories, REQUIRED_FIXTURE_CATEGORIES } from './conformance/fixture-coverage';
export { createSeededRandom } from './simulator/seeded-random';
export { type CitedBucket, uncitedBuckets } from './conformance/uncited-buckets';
export { type ClassifyContextInput, classifyContext } from './conformance/classify-context';
export {
  type BurstOptions,
  type LimiterHarness,
  type LimiterHarnessOptions,
  limiterHarness,
} from './limiter-harness';
