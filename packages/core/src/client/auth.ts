import type { Adapter, AuthScheme } from '../adapter/types';
import { addCredential, type Redactor } from '../errors/redact';
import type { AuthOptions, Credential } from './options';

/** Credentials resolved for one attempt, ready to put on the wire. */
export interface AppliedAuth {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The credential read (the token, the key, the user name), for the limiter's per-credential keys. */
  readonly credential?: string;
}

const NONE: AppliedAuth = Object.freeze({ headers: {}, query: {} });

/** `auth` was given but its credential is missing or empty: the call fails, nothing is sent unauthenticated. */
export const MISSING: AppliedAuth = Object.freeze({ headers: {}, query: {} });

/** Picks the auth scheme for a client: the one named in options (bearer and basic need no declaration), else the adapter's first. */
export function pickAuthScheme(adapter: Adapter, auth: AuthOptions | undefined): AuthScheme | undefined {
  if (auth === undefined) return undefined;
  const type = auth.scheme;
  const schemes = adapter.auth ?? [{ type: 'bearer' } as const];
  if (type === undefined) return schemes[0];
  return schemes.find((s) => s.type === type) ?? (type === 'bearer' || type === 'basic' ? { type } : undefined);
}

/**
 * Builds the credential header or query parameter: at once for strings, as a promise when a token function runs.
 * Every secret read is registered with the redactor first, so no error or event can show it.
 */
export function resolveAuth(
  scheme: AuthScheme | undefined,
  auth: AuthOptions | undefined,
  redactor: Redactor,
): AppliedAuth | Promise<AppliedAuth> {
  if (scheme === undefined || auth === undefined) return NONE;
  // The credential, then (basic only) the password.
  const wanted: (Credential | undefined)[] =
    scheme.type === 'bearer'
      ? [auth.token ?? auth.apiKey]
      : scheme.type === 'basic'
        ? [auth.username ?? auth.apiKey, auth.password]
        : [auth.apiKey ?? auth.token];
  if (wanted.every((c) => typeof c !== 'function')) return apply(scheme, wanted as (string | undefined)[], redactor);
  return Promise.all(wanted.map((c) => (typeof c === 'function' ? c() : c))).then((values) =>
    apply(scheme, values, redactor),
  );
}

function apply(scheme: AuthScheme, values: readonly unknown[], redactor: Redactor): AppliedAuth {
  const credential = secret(values[0], redactor);
  if (credential === undefined) return MISSING;
  if (scheme.type === 'query') return { headers: {}, query: { [scheme.param]: credential }, credential };
  let name = 'authorization';
  let value = `Bearer ${credential}`;
  if (scheme.type === 'header') {
    name = scheme.header.toLowerCase();
    value = `${scheme.prefix ?? ''}${credential}`;
  } else if (scheme.type === 'basic') {
    const password = secret(values[1], redactor) ?? scheme.passwordDefault ?? '';
    const encoded = Buffer.from(`${credential}:${password}`, 'utf8').toString('base64');
    redactor.addSecret(encoded);
    value = `Basic ${encoded}`;
  }
  return { headers: { [name]: value }, query: {}, credential };
}

function secret(value: unknown, redactor: Redactor): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  // With and without a scheme word written into it by mistake (`token: 'Bearer …'`): a provider echoes the bare one.
  addCredential(value, redactor);
  return value;
}

/**
 * Copies `headers` into `into` under lower-cased names. A value under a secret-looking name or one the adapter declares
 * is a credential passed by hand (an SDK's `Authorization`): it is registered with the redactor and its name returned,
 * to strip off-origin.
 */
export function mergeHeaders(
  into: Record<string, string>,
  headers: Readonly<Record<string, string>> | undefined,
  redactor: Redactor,
): string[] {
  const secretNames: string[] = [];
  if (headers === undefined) return secretNames;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const value = headers[name] as string;
    into[lower] = value;
    if (redactor.isSecretHeader(lower)) {
      addCredential(value, redactor, lower);
      secretNames.push(lower);
    }
  }
  return secretNames;
}
