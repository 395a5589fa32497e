export { linear } from './adapter';
export { estimateComplexity, linearLimits } from './limits';
export type { LinearError } from './linear-error-body';
