import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oauthErrorKind, oauthErrorVerdict, readOAuthError } from '../../../src/classify/readers/oauth-error';
import { genericAdapter, normalizeResponse } from '../../../src/index';

const SEED = 20261127;

describe('readOAuthError', () => {
  it('reads the three members of RFC 6749 §5.2', () => {
    expect(
      readOAuthError({ error: 'invalid_grant', error_description: 'Code expired', error_uri: 'https://x.test/e' }),
    ).toEqual({ error: 'invalid_grant', error_description: 'Code expired', error_uri: 'https://x.test/e' });
  });

  it('reads members of another type as absent, and a body without a string error as no OAuth body', () => {
    expect(readOAuthError({ error: 'invalid_client', error_description: 7, error_uri: null })).toEqual({
      error: 'invalid_client',
      error_description: undefined,
      error_uri: undefined,
    });
    for (const body of [undefined, null, 'invalid_grant', [], [{ error: 'x' }], { error: '' }, { error: {} }, {}]) {
      expect(readOAuthError(body)).toBeUndefined();
    }
  });
});

describe('oauthErrorKind', () => {
  it('maps the registered codes', () => {
    expect(oauthErrorKind('invalid_grant')).toBe('authentication');
    expect(oauthErrorKind('invalid_client')).toBe('authentication');
    expect(oauthErrorKind('invalid_token')).toBe('authentication');
    expect(oauthErrorKind('expired_token')).toBe('authentication');
    expect(oauthErrorKind('invalid_request')).toBe('validation');
    expect(oauthErrorKind('invalid_scope')).toBe('validation');
    expect(oauthErrorKind('unsupported_grant_type')).toBe('validation');
    expect(oauthErrorKind('unsupported_response_type')).toBe('validation');
    expect(oauthErrorKind('unsupported_token_type')).toBe('validation');
    expect(oauthErrorKind('unauthorized_client')).toBe('permission');
    expect(oauthErrorKind('access_denied')).toBe('permission');
    expect(oauthErrorKind('insufficient_scope')).toBe('permission');
    expect(oauthErrorKind('server_error')).toBe('server');
    expect(oauthErrorKind('temporarily_unavailable')).toBe('unavailable');
    expect(oauthErrorKind('slow_down')).toBe('rate_limited');
    expect(oauthErrorKind('authorization_pending')).toBe('rate_limited');
  });

  it('knows no code outside the registry, nor an Object.prototype member', () => {
    for (const code of ['something_new', 'constructor', 'hasOwnProperty', '__proto__', 'toString']) {
      expect(oauthErrorKind(code)).toBeUndefined();
    }
  });
});

describe('oauthErrorVerdict', () => {
  it('gives code, description as message and the kind of a registered code', () => {
    expect(oauthErrorVerdict({ error: 'invalid_grant', error_description: 'Refresh token revoked' })).toEqual({
      kind: 'authentication',
      code: 'invalid_grant',
      message: 'Refresh token revoked',
    });
  });

  it('uses the code as the message when there is no description, and sets no kind for an unknown code', () => {
    expect(oauthErrorVerdict({ error: 'invalid_client' })).toEqual({
      kind: 'authentication',
      code: 'invalid_client',
      message: 'invalid_client',
    });
    expect(oauthErrorVerdict({ error: 'vendor_specific', error_description: '' })).toEqual({
      code: 'vendor_specific',
      message: 'vendor_specific',
    });
    expect(oauthErrorVerdict({ message: 'not OAuth' })).toBeUndefined();
  });

  it('composes into a classify hook: the kind changes, retryability follows it', () => {
    const adapter = { ...genericAdapter, classify: (ctx: { body: unknown }) => oauthErrorVerdict(ctx.body) };
    const grant = normalizeResponse(adapter, { status: 400, body: { error: 'invalid_grant' } });
    expect(grant).toMatchObject({ kind: 'authentication', code: 'invalid_grant', retryable: false });
    const busy = normalizeResponse(adapter, { status: 400, body: { error: 'temporarily_unavailable' } });
    expect(busy).toMatchObject({ kind: 'unavailable', retryable: true });
  });

  it(`never throws, and reads exactly the bodies with a non-empty string error (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.jsonValue(), (body) => {
        const verdict = oauthErrorVerdict(body);
        const error = (body as { error?: unknown } | null)?.error;
        const isOAuth =
          typeof body === 'object' &&
          body !== null &&
          !Array.isArray(body) &&
          typeof error === 'string' &&
          error !== '';
        expect(verdict === undefined).toBe(!isOAuth);
        if (verdict !== undefined) expect(verdict.code).toBe(error);
      }),
      { seed: SEED },
    );
  });
});
