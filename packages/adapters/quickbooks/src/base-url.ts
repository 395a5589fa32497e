// A realm id (company id) is digits: a value from a request or a database must never point the client, and its
// token, at another path or host (`123/../../`, `123?x=`).
const REALM_ID = /^\d{1,32}$/;
const PRODUCTION = 'https://quickbooks.api.intuit.com';
const SANDBOX = 'https://sandbox-quickbooks.api.intuit.com';

/**
 * The Accounting API base URL of one company, `https://quickbooks.api.intuit.com/v3/company/{realmId}` (or the
 * sandbox host with `{ sandbox: true }`), for `createClient`'s `baseUrl`. Throws a `TypeError` for a realm id that is
 * not digits.
 *
 * @see https://developer.intuit.com/app/developer/qbo/docs/get-started/create-a-request (baseURLs; Java SDK example `https://sandbox-quickbooks.api.intuit.com/v3/company`)
 * @example
 * quickbooksUrl('9130355555555555'); // 'https://quickbooks.api.intuit.com/v3/company/9130355555555555'
 */
export function quickbooksUrl(realmId: string, options: { readonly sandbox?: boolean } = {}): string {
  if (!REALM_ID.test(realmId)) throw new TypeError('realmId must be the digits of a QuickBooks company id');
  return `${options.sandbox === true ? SANDBOX : PRODUCTION}/v3/company/${realmId}`;
}
