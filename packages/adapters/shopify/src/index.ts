export { shopify } from './adapter';
export { shopifyAdminUrl } from './admin-url';
export { readShopifySdkError } from './shopify-sdk-error';
export { shopifyUserErrors } from './shopify-error-body';
export type { ShopifyCallLimit, ShopifyCost, ShopifyThrottleStatus } from './shopify-error-body';
