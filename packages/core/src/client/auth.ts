import type { Adapter, AuthScheme } from '../adapter/types';
import type { Redactor } from '../errors/redact';
import type { AuthOptions, Credential } from './options';

/** Credentials resolved for one attempt, ready to put on the wire. */
export interface AppliedAuth {
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  /** The credential read (the token, the key, the user name), for the limiter's per-credential keys. */
  readonly credential?: string;
}

const NONE: AppliedAuth = Object.freeze({ headers: {}, query: {} });

/** Picks the auth scheme for a client: the one named in options, else the adapter's first. */
export function pickAuthScheme(adapter: Adapter, auth: AuthOptions | undefined): AuthScheme | undefined {
  if (auth === undefined) return undefined;
  const schemes = adapter.auth ?? [{ type: 'bearer' } as const];
  if (auth.scheme !== undefined) return schemes.find((s) => s.type === auth.scheme) ?? fallbackScheme(auth.scheme);
  return schemes[0];
}

function fallbackScheme(type: AuthScheme['type']): AuthScheme | undefined {
  return type === 'bearer' || type === 'basic' ? { type } : undefined;
}

/**
 * Reads the credentials (calling refresh functions) and builds the header or query parameter to send.
 * Every secret read is registered with the redactor first, so no error or event can show it.
 */
export async function resolveAuth(
  scheme: AuthScheme | undefined,
  auth: AuthOptions | undefined,
  redactor: Redactor,
): Promise<AppliedAuth> {
  if (scheme === undefined || auth === undefined) return NONE;
  switch (scheme.type) {
    case 'bearer': {
      const token = await read(auth.token ?? auth.apiKey, redactor);
      return token === undefined
        ? NONE
        : { headers: { authorization: `Bearer ${token}` }, query: {}, credential: token };
    }
    case 'basic': {
      const user = await read(auth.username ?? auth.apiKey, redactor);
      if (user === undefined) return NONE;
      const password = (await read(auth.password, redactor)) ?? scheme.passwordDefault ?? '';
      const encoded = Buffer.from(`${user}:${password}`, 'utf8').toString('base64');
      redactor.addSecret(encoded);
      return { headers: { authorization: `Basic ${encoded}` }, query: {}, credential: user };
    }
    case 'header': {
      const key = await read(auth.apiKey ?? auth.token, redactor);
      return key === undefined
        ? NONE
        : { headers: { [scheme.header.toLowerCase()]: `${scheme.prefix ?? ''}${key}` }, query: {}, credential: key };
    }
    case 'query': {
      const key = await read(auth.apiKey ?? auth.token, redactor);
      return key === undefined ? NONE : { headers: {}, query: { [scheme.param]: key }, credential: key };
    }
  }
}

async function read(credential: Credential | undefined, redactor: Redactor): Promise<string | undefined> {
  if (credential === undefined) return undefined;
  const value = typeof credential === 'function' ? await credential() : credential;
  if (typeof value !== 'string' || value === '') return undefined;
  redactor.addSecret(value);
  return value;
}
