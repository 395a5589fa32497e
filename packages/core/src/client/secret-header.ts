// Words that make a header name a credential's: `X-API-Key`, `X-Auth-Token`, `X-Shopify-Access-Token`,
// `X-Client-Secret`, `Session-Id`... Matched on whole dash/underscore-separated words.
const SECRET_WORD =
  /(?:^|[-_])(?:api-?key|key|token|secret|auth|authorization|password|passwd|session|cookie|signature|credentials?)(?:$|[-_])/;

/** Whether a (lower-cased) header name says its value is a credential. */
export function isSecretHeaderName(name: string): boolean {
  // An idempotency key is an id the caller chose, not a credential.
  return SECRET_WORD.test(name) && !name.includes('idempotency');
}
