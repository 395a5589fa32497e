// The vitest entry (`@rosetta/testkit/vitest`): the only part of the testkit that loads vitest and
// nock, so `@rosetta/testkit` itself stays importable outside a test runner (the simulator CLI).

export {
  type AdapterConformanceOptions,
  type ConformanceRetryOptions,
  describeAdapterConformance,
} from './conformance/describe-adapter-conformance';
export {
  describeRetryDecisions,
  type RetryDecisionOptions,
  type RetryDecisionRow,
} from './conformance/describe-retry-decisions';
export {
  describeSdkDecisions,
  type SdkDecision,
  type SdkDecisionOptions,
  type SdkDisagreement,
  sameSdkDecision,
} from './conformance/describe-sdk-decisions';
export { expectBundleWithoutZod } from './conformance/expect-bundle-without-zod';
export { type ResendsOnceOptions, resendsOnce } from './conformance/resends-once';
