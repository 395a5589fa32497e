export { google } from './adapter';
export { googleLimits } from './limits';
export { googleWarnings } from './google-warnings';
