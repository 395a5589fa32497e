// shopify-api lib/utils/shop-validator.ts (sanitizeShop) accepts only `<name>.myshopify.com` hosts: a shop name
// from a request or a database must never point the client, and its access token, at another host.
const SHOP = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
// Versions are `YYYY-MM` (quarterly) or `unstable` (shopify.dev/docs/api/usage/versioning).
const VERSION = /^(\d{4}-\d{2}|unstable)$/;

/**
 * The Admin API base URL of one shop, `https://{shop}.myshopify.com/admin/api/{version}`, for `createClient`'s
 * `baseUrl`. Takes the shop's name or its `*.myshopify.com` domain; throws a `TypeError` for anything else.
 *
 * @example
 * shopifyAdminUrl('my-shop', '2025-10'); // 'https://my-shop.myshopify.com/admin/api/2025-10'
 */
export function shopifyAdminUrl(shop: string, version: string): string {
  const name = shop.toLowerCase().endsWith('.myshopify.com') ? shop.slice(0, -'.myshopify.com'.length) : shop;
  if (!SHOP.test(name)) throw new TypeError('shop must be a shop name or its <name>.myshopify.com domain');
  if (!VERSION.test(version)) throw new TypeError("version must be 'YYYY-MM' or 'unstable'");
  return `https://${name.toLowerCase()}.myshopify.com/admin/api/${version}`;
}
