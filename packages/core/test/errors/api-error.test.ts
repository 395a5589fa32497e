import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ApiError, API_ERROR_BRAND } from '../../src/errors/api-error';
import { isApiError } from '../../src/errors/is-api-error';
import { AuthenticationError, RateLimitError, createApiError } from '../../src/errors/kind-errors';
import { ERROR_KINDS, isErrorKind, RETRYABLE_BY_DEFAULT } from '../../src/errors/kinds';

const base = {
  provider: 'acme',
  status: 429,
  code: 'too_many',
  detail: 'Slow down',
  retryable: true,
  retryAfterMs: 2000,
  request: { method: 'GET', url: 'https://api.acme.test/v1/items?page=2' },
} as const;

describe('ApiError', () => {
  it('formats "<provider> <METHOD> <path> failed: <status> <message>" without the query string', () => {
    const err = createApiError({ ...base, kind: 'rate_limited' });
    expect(err.message).toBe('acme GET /v1/items failed: 429 Slow down [too_many]');
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.name).toBe('RateLimitError');
    // The path as the URL parser reads it (classifyResponse's pathOf): no fragment, a bare origin is `/`.
    const at = (url: string) => createApiError({ ...base, kind: 'rate_limited', request: { method: 'GET', url } });
    expect(at('https://api.acme.test/v1/items#frag').message).toMatch(/^acme GET \/v1\/items failed/);
    expect(at('https://api.acme.test?x=1').message).toMatch(/^acme GET \/ failed/);
  });

  it('has one subclass per kind, each with its own name', () => {
    const names = new Set<string>();
    for (const kind of ERROR_KINDS) {
      const err = createApiError({ kind, provider: 'p', retryable: false });
      expect(err.kind).toBe(kind);
      expect(err).toBeInstanceOf(ApiError);
      names.add(err.name);
    }
    expect(names.size).toBe(ERROR_KINDS.length);
  });

  it('defaults what the init leaves out: no field errors, one attempt, not possibly processed', () => {
    const err = createApiError({ kind: 'server', provider: 'p', retryable: true });
    expect(err).toMatchObject({ fieldErrors: [], attempts: 1, possiblyProcessed: false, status: undefined });
  });

  it('uses the kind instead of a status for failures without a response', () => {
    const err = createApiError({
      kind: 'network',
      provider: 'p',
      retryable: true,
      detail: 'ECONNRESET',
      request: { method: 'POST', url: 'https://x.test/a' },
    });
    expect(err.message).toBe('p POST /a failed: network ECONNRESET');
    expect(err.status).toBeUndefined();
  });

  it('says when a request may have been processed', () => {
    const err = createApiError({
      kind: 'server',
      provider: 'p',
      status: 500,
      retryable: true,
      possiblyProcessed: true,
    });
    expect(err.message).toContain('may have been processed');
    expect(err.possiblyProcessed).toBe(true);
  });

  it('isApiError works across copies through the Symbol.for brand, and narrows by kind', () => {
    const foreign = Object.assign(new Error('x'), { kind: 'not_found', [Symbol.for('rosetta.api-error')]: true });
    expect(isApiError(foreign)).toBe(true);
    expect(isApiError(foreign, 'not_found')).toBe(true);
    expect(isApiError(foreign, 'rate_limited')).toBe(false);
    expect(isApiError(new Error('plain'))).toBe(false);
    expect(isApiError(null)).toBe(false);
    expect(API_ERROR_BRAND).toBe(Symbol.for('rosetta.api-error'));
  });

  it('toJSON is a plain, complete, stack-free object', () => {
    const err = createApiError({ ...base, kind: 'rate_limited', requestId: 'req_1', fieldErrors: [] });
    const json = JSON.parse(JSON.stringify(err));
    expect(json).toMatchObject({
      kind: 'rate_limited',
      provider: 'acme',
      status: 429,
      code: 'too_many',
      retryAfterMs: 2000,
      requestId: 'req_1',
      attempts: 1,
    });
    expect(json.stack).toBeUndefined();
  });

  it('toProblemDetails gives an RFC 9457 object with Rosetta members', () => {
    const err = new AuthenticationError({
      kind: 'authentication',
      provider: 'acme',
      status: 401,
      detail: 'Bad key',
      retryable: false,
    });
    const pd = err.toProblemDetails();
    expect(pd).toEqual({
      type: 'urn:rosetta:error:authentication',
      title: 'Provider authentication failed',
      status: 502,
      detail: 'Bad key',
      kind: 'authentication',
      provider: 'acme',
      upstreamStatus: 401,
      retryable: false,
      fieldErrors: [],
    });
    expect(err.toProblemDetails({ typeBase: 'https://api.example.com/problems/' }).type).toBe(
      'https://api.example.com/problems/authentication',
    );
  });

  it('util.inspect prints fields but not the raw cause', () => {
    const cause = new Error('secret-cause-sk_live_abcdef');
    const err = createApiError({ ...base, kind: 'rate_limited', cause });
    const out = inspect(err);
    expect(out).toContain('rate_limited');
    expect(out).not.toContain('sk_live_abcdef');
  });
});

describe('the kind table', () => {
  it('lists the sixteen kinds in the error model order, and recognizes only them', () => {
    expect(ERROR_KINDS).toHaveLength(16);
    expect([ERROR_KINDS[0], ERROR_KINDS[6], ERROR_KINDS[15]]).toEqual(['authentication', 'rate_limited', 'unknown']);
    for (const kind of ERROR_KINDS) expect(isErrorKind(kind)).toBe(true);
    for (const value of ['teapot', 'toString', '__proto__', 1, null]) expect(isErrorKind(value)).toBe(false);
  });

  it('retries only transient kinds by default', () => {
    const retryable = ERROR_KINDS.filter((kind) => RETRYABLE_BY_DEFAULT[kind]);
    expect(retryable).toEqual(['rate_limited', 'unavailable', 'server', 'timeout', 'network']);
    expect(Object.isFrozen(RETRYABLE_BY_DEFAULT)).toBe(true);
  });

  it('gives each kind its outward problem status and title', () => {
    const outward = (kind: (typeof ERROR_KINDS)[number]) => {
      const { status, title } = createApiError({ kind, provider: 'p', retryable: false }).toProblemDetails();
      return `${status} ${title}`;
    };
    expect(outward('quota_exceeded')).toBe('429 Provider quota exhausted');
    expect(outward('aborted')).toBe('499 Request aborted');
    expect(outward('unsupported')).toBe('501 Operation not supported by provider');
  });
});
