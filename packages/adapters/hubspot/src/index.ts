export { hubspot } from './adapter';
export { type HubSpotBatchItemError, hubspotBatchErrors } from './batch-errors';
export type { HubSpotError, HubSpotErrorContext, HubSpotErrorDetail } from './hubspot-error-body';
