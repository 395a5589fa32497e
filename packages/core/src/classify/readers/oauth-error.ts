// OAuth 2.0 error bodies (RFC 6749 §5.2 and the RFCs that extend its registry), read once for every adapter whose
// token, revocation or resource endpoints answer in this shape. Plain code: zod would cost every bundle 8 KB.
import type { ErrorKind } from '../../errors/kinds';
import type { ClassifyVerdict } from '../types';

/** An OAuth 2.0 error body: `{"error": "invalid_grant", "error_description": "...", "error_uri": "..."}`. */
export interface OAuthErrorBody {
  /** The registered error code (RFC 6749 §11.4): `invalid_grant`, `invalid_client`, `invalid_token`, ... */
  readonly error: string;
  readonly error_description?: string | undefined;
  readonly error_uri?: string | undefined;
}

/**
 * What each registered code means: RFC 6749 §5.2 (token endpoint) and §4.1.2.1 (authorization endpoint), RFC 6750
 * §3.1 (bearer resources), RFC 8628 §3.5 (device grant: keep polling, slower for slow_down), RFC 7009 §2.2.1
 * (revocation). A bad, expired or revoked grant, client or token is "reconnect" (`authentication`); a malformed
 * request is `validation`, as the Stripe adapter has always read them.
 */
const OAUTH_KINDS: Readonly<Record<string, ErrorKind>> = {
  invalid_request: 'validation',
  invalid_client: 'authentication',
  invalid_grant: 'authentication',
  unauthorized_client: 'permission',
  unsupported_grant_type: 'validation',
  invalid_scope: 'validation',
  access_denied: 'permission',
  unsupported_response_type: 'validation',
  server_error: 'server',
  temporarily_unavailable: 'unavailable',
  invalid_token: 'authentication',
  insufficient_scope: 'permission',
  authorization_pending: 'rate_limited',
  slow_down: 'rate_limited',
  expired_token: 'authentication',
  unsupported_token_type: 'validation',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * The OAuth 2.0 error in a parsed body (a JSON object whose `error` is a non-empty string), or undefined.
 * Description and URI of another type read as absent.
 *
 * @example
 * readOAuthError({ error: 'invalid_grant', error_description: 'Code expired' });
 * // { error: 'invalid_grant', error_description: 'Code expired', error_uri: undefined }
 */
export function readOAuthError(body: unknown): OAuthErrorBody | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as Readonly<Record<string, unknown>>;
  if (typeof b.error !== 'string' || b.error === '') return undefined;
  return { error: b.error, error_description: text(b.error_description), error_uri: text(b.error_uri) };
}

/**
 * The kind a registered OAuth error code names, or undefined outside the registry (the status then decides).
 * Own keys only: a code named `constructor` must not read `Object.prototype`.
 *
 * @example
 * oauthErrorKind('invalid_grant'); // 'authentication'
 */
export function oauthErrorKind(code: string): ErrorKind | undefined {
  return Object.hasOwn(OAUTH_KINDS, code) ? OAUTH_KINDS[code] : undefined;
}

/**
 * A `classify` verdict for an OAuth 2.0 error body: its code, `error_description` as the message (else the code),
 * and the kind of a registered code. Undefined for any other body, so an adapter can fall through to its own reading.
 *
 * @example
 * classify: (ctx) => oauthErrorVerdict(ctx.body) ?? myProviderVerdict(ctx),
 */
export function oauthErrorVerdict(body: unknown): ClassifyVerdict | undefined {
  const oauth = readOAuthError(body);
  if (oauth === undefined) return undefined;
  const kind = oauthErrorKind(oauth.error);
  const message = oauth.error_description || oauth.error;
  return kind === undefined ? { code: oauth.error, message } : { kind, code: oauth.error, message };
}
