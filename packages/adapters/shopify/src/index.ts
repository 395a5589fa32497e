export { shopify } from './adapter';
export { shopifyAdminUrl } from './admin-url';
export { shopifyUserErrors } from './shopify-error-body';
export type { ShopifyCallLimit, ShopifyCost, ShopifyThrottleStatus } from './shopify-error-body';
