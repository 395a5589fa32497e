export { microsoftGraph } from './adapter';
export { graphClaimsChallenge } from './claims-challenge';
export { graphWarnings, readGraphBatch } from './graph-batch';
export type { GraphBatchItem } from './graph-batch';
export { readGraphSdkError } from './graph-sdk-error';
export { microsoftGraphLimits } from './limits';
export { normalizeGraphBatch } from './normalize-graph-batch';
export type { GraphBatchRequest, GraphBatchResult } from './normalize-graph-batch';
