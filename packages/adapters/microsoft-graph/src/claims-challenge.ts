// Claims challenges (learn.microsoft.com/entra/identity-platform/claims-challenge): a 401 (or a Conditional Access
// 403) whose `WWW-Authenticate` carries `error="insufficient_claims", claims="<base64 JSON>"`. The header may hold
// several challenges (`PoP realm="", ..., Bearer realm="", ...`), so parameters are looked up by name anywhere in it.
import type { ApiError } from '@rosetta/core';

/** Longest header read: real challenges are a few hundred characters. */
const MAX_HEADER_CHARS = 8_192;
const INSUFFICIENT = /\berror\s*=\s*"?insufficient_claims\b/i;
const CLAIMS = /\bclaims\s*=\s*"([^"]*)"/i;
// Graph sends `errorDescription`; RFC 6750 names it `error_description`.
const DESCRIPTION = /\berror_?description\s*=\s*"([^"]*)"/i;

/** A claims challenge as read from `WWW-Authenticate`. */
export interface ClaimsChallenge {
  /** The `claims` parameter as sent: base64 of a JSON claims request. */
  readonly claims: string;
  /** `error_description` / `errorDescription`, e.g. "Continuous access evaluation resulted in challenge ...". */
  readonly description: string | undefined;
}

/** The claims challenge in a `WWW-Authenticate` value, or undefined when it is not one (or has no claims). */
export function readClaimsChallenge(header: string | undefined): ClaimsChallenge | undefined {
  if (header === undefined) return undefined;
  const value = header.length > MAX_HEADER_CHARS ? header.slice(0, MAX_HEADER_CHARS) : header;
  if (!INSUFFICIENT.test(value)) return undefined;
  const claims = CLAIMS.exec(value)?.[1];
  if (claims === undefined || claims === '') return undefined;
  return { claims, description: DESCRIPTION.exec(value)?.[1] || undefined };
}

/**
 * The claims a new token must carry, from an error Microsoft Graph answered with a claims challenge
 * (`code: 'insufficient_claims'`): the decoded JSON claims request, as MSAL's `claims` option takes it (the raw
 * base64 value when it does not decode). Undefined for any other error.
 *
 * @example
 * catch (err) {
 *   const claims = isApiError(err) ? graphClaimsChallenge(err) : undefined;
 *   if (claims) token = await msal.acquireTokenSilent({ scopes, account, claims });
 * }
 */
export function graphClaimsChallenge(error: Pick<ApiError, 'response'>): string | undefined {
  const challenge = readClaimsChallenge(error.response?.headers['www-authenticate']);
  if (challenge === undefined) return undefined;
  try {
    return atob(challenge.claims);
  } catch {
    return challenge.claims;
  }
}
