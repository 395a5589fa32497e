export { linear } from './adapter';
export { estimateComplexity, linearLimits } from './limits';
export { readLinearSdkError } from './linear-sdk-error';
export type { LinearError } from './linear-error-body';
