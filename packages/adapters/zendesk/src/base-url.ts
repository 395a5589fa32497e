// A subdomain is letters, digits and dashes: a value from a request or a database must never point the client, and
// its credentials, at another host (`evil.com#`, `acme.zendesk.com.evil.com`).
const SUBDOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const HOST_SUFFIX = '.zendesk.com';

/**
 * The Support API base URL of one account, `https://{subdomain}.zendesk.com/api/v2`, for `createClient`'s `baseUrl`.
 * Takes the subdomain or the `{subdomain}.zendesk.com` host; throws a `TypeError` for anything else. (Accounts on
 * a host mapped domain still answer the API on their `zendesk.com` subdomain.)
 *
 * @example
 * zendeskUrl('acme'); // 'https://acme.zendesk.com/api/v2'
 */
export function zendeskUrl(subdomain: string): string {
  const name = subdomain.toLowerCase().endsWith(HOST_SUFFIX) ? subdomain.slice(0, -HOST_SUFFIX.length) : subdomain;
  if (!SUBDOMAIN.test(name))
    throw new TypeError('subdomain must be a Zendesk subdomain or its <name>.zendesk.com host');
  return `https://${name.toLowerCase()}${HOST_SUFFIX}/api/v2`;
}
