import type { Adapter } from '../adapter/types';
import { buildApiError } from '../classify/build-error';
import { redactClassification } from '../classify/classify-response';
import type { ApiError } from '../errors/api-error';
import type { ErrorKind } from '../errors/kinds';
import { isApiError } from '../errors/is-api-error';
import { REDACTED, type Redactor } from '../errors/redact';
import { isLimiterRejectedError } from '../limit/limiter-rejected-error';
import { isTransportFault, type TransportFaultReason } from '../transport/transport-fault';

/** Which signal ended an attempt, so an abort is told apart from a timeout. */
export interface AbortContext {
  /** The caller's own signal. */
  readonly caller?: AbortSignal | undefined;
  /** Fired by `client.close()`. */
  readonly closed?: AbortSignal | undefined;
  /** The whole-call deadline. */
  readonly deadline?: AbortSignal | undefined;
  /** This attempt's timeout. */
  readonly attempt?: AbortSignal | undefined;
}

/** Where a failure happened, for the error's message and request summary. */
export interface FailureContext {
  readonly adapter: Adapter;
  readonly redactor: Redactor;
  readonly method: string;
  readonly url: string;
  readonly attempts: number;
  readonly signals: AbortContext;
  /** True when the request is not safe to repeat: a failure mid-flight may have been applied. */
  readonly notIdempotent: boolean;
}

const FAULT_KINDS: Readonly<Record<TransportFaultReason, readonly [ErrorKind, boolean, string]>> = {
  too_large: ['invalid_response', false, 'body_too_large'],
  decode: ['invalid_response', false, 'decode_error'],
  invalid_path: ['validation', false, 'invalid_path'],
  redirect_refused: ['invalid_response', false, 'redirect_refused'],
  redirect_loop: ['invalid_response', false, 'redirect_loop'],
  network: ['network', true, 'network_error'],
  timeout: ['timeout', true, 'attempt_timeout'],
  aborted: ['aborted', false, 'aborted'],
};

const LIMITER_KINDS: Readonly<Record<string, readonly [ErrorKind, boolean, string]>> = {
  queue_full: ['rate_limited', false, 'queue_full'],
  closed: ['aborted', false, 'client_closed'],
  aborted: ['aborted', false, 'aborted'],
  redis_unavailable: ['unavailable', false, 'limiter_unavailable'],
  // The provider asked for a long pause (a 429's Retry-After): this call was not sent; it can be later.
  hold_exceeded: ['rate_limited', true, 'rate_limit_hold'],
};

/**
 * Turns anything thrown while making a call into an {@link ApiError}: transport faults, fetch's
 * `TypeError: fetch failed`, aborts and timeouts, limiter rejections. Never throws.
 */
export function toApiError(thrown: unknown, ctx: FailureContext): ApiError {
  if (isApiError(thrown)) return thrown;
  const [kind, retryable, code, detail] = describe(thrown, ctx.signals);
  const retryAfterMs = isLimiterRejectedError(thrown) ? thrown.retryAfterMs : undefined;
  const processed = ctx.notIdempotent && (kind === 'network' || kind === 'timeout');
  return buildApiError({
    adapter: ctx.adapter,
    classification: redactClassification(
      {
        kind,
        retryable,
        code,
        message: scrubText(detail, ctx.redactor),
        retryAfterMs,
        fieldErrors: [],
        possiblyProcessed: processed ? true : undefined,
      },
      ctx.redactor,
    ),
    redactor: ctx.redactor,
    method: ctx.method,
    url: ctx.url,
    attempts: ctx.attempts,
    cause: sanitizeCause(thrown, ctx.redactor),
  });
}

function describe(thrown: unknown, signals: AbortContext): readonly [ErrorKind, boolean, string, string] {
  // Which signal fired decides, whatever error object the abort surfaced as.
  if (signals.caller?.aborted) return ['aborted', false, 'aborted', 'the caller aborted the request'];
  if (signals.closed?.aborted) return ['aborted', false, 'client_closed', 'the client was closed'];
  if (signals.deadline?.aborted) return ['timeout', false, 'deadline_exceeded', 'the call deadline passed'];
  if (signals.attempt?.aborted)
    return ['timeout', true, 'attempt_timeout', 'no complete answer within the attempt timeout'];
  if (isTransportFault(thrown)) {
    const [kind, retryable, code] = FAULT_KINDS[thrown.reason];
    return [kind, retryable, code, thrown.message];
  }
  if (isLimiterRejectedError(thrown)) {
    const mapped = LIMITER_KINDS[thrown.reason] ?? (['unknown', false, 'limiter_error'] as const);
    return [mapped[0], mapped[1], mapped[2], thrown.message];
  }
  const network = networkCode(thrown);
  if (network !== undefined) return ['network', true, network, `network error (${network})`];
  if (thrown instanceof Error && (thrown.name === 'AbortError' || thrown.name === 'TimeoutError')) {
    return thrown.name === 'TimeoutError'
      ? ['timeout', true, 'attempt_timeout', 'timed out']
      : ['aborted', false, 'aborted', 'aborted'];
  }
  const message = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : 'unexpected failure';
  return ['unknown', false, 'internal_error', message];
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The system error code behind a fetch failure (`TypeError: fetch failed` with a cause), if any. */
function networkCode(thrown: unknown): string | undefined {
  let current: unknown = thrown;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || /^E[A-Z]+$/.test(code))) return code;
    if (current instanceof TypeError && (current.message === 'fetch failed' || current.message === 'terminated')) {
      const inner = networkCode(current.cause);
      return inner ?? (current.message === 'terminated' ? 'UND_ERR_SOCKET' : 'FETCH_FAILED');
    }
    current = current.cause;
  }
  return undefined;
}

/** A copy of the thrown error whose message cannot carry a secret (fetch errors may echo URLs). */
function sanitizeCause(thrown: unknown, redactor: Redactor): unknown {
  if (!(thrown instanceof Error)) return undefined;
  const copy = new Error(scrubText(thrown.message, redactor));
  copy.name = thrown.name;
  const code = (thrown as Error & { code?: unknown }).code;
  if (typeof code === 'string') (copy as Error & { code?: string }).code = code;
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}

/**
 * Free text of a thrown error, safe to keep: every URL in it loses its userinfo and its whole query
 * (the redactor remembers the secret values it saw there), then every known secret is scrubbed. Fetch's
 * own messages quote URLs with credentials ("Request cannot be constructed from a URL that includes
 * credentials: https://user:pass@...").
 */
function scrubText(text: string, redactor: Redactor): string {
  const urls = text.replace(/\b[a-z][a-z\d+.-]*:\/\/[^\s'"<>]+/gi, (url) => {
    const safe = redactor.url(url);
    const query = safe.indexOf('?');
    return query < 0 ? safe : `${safe.slice(0, query)}?${REDACTED}`;
  });
  return redactor.text(urls);
}
