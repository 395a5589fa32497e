export { bamboohr } from './adapter';
export type { BamboohrError } from './bamboohr-error-body';
