export { acme } from './adapter';
