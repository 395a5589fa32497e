import type { ErrorKind } from '../errors/kinds';
import { REDACTED, type Redactor } from '../errors/redact';
import type { Classification } from '../errors/types';
import { isLimiterRejectedError, type LimiterRejectionReason } from '../limit/limiter-rejected-error';
import { TransportFault, type TransportFaultReason } from '../transport/transport-fault';
import type { AbortCause } from './attempt-scope';
import { getPath } from './get-path';

type Reading = readonly [kind: ErrorKind, retryable: boolean, code: string, message?: string];

/**
 * How each abort cause, transport fault and limiter refusal reads, by its name (one table: a limiter closed or past
 * the deadline reads as the client's own abort cause). An abort cause's message is also the reason of a timeout's
 * abort (attempt-scope.ts); the others carry their own.
 */
export const READINGS: Readonly<Record<AbortCause | TransportFaultReason | LimiterRejectionReason, Reading>> = {
  caller: ['aborted', false, 'aborted', 'the caller aborted the request'],
  closed: ['aborted', false, 'client_closed', 'the client was closed'],
  deadline: ['timeout', false, 'deadline_exceeded', 'the call deadline passed'],
  attempt: ['timeout', true, 'attempt_timeout', 'no complete answer within the attempt timeout'],
  too_large: ['invalid_response', false, 'body_too_large'],
  decode: ['invalid_response', false, 'decode_error'],
  invalid_path: ['validation', false, 'invalid_path'],
  hook_origin: ['validation', false, 'hook_origin_refused'],
  redirect_refused: ['invalid_response', false, 'redirect_refused'],
  redirect_loop: ['invalid_response', false, 'redirect_loop'],
  network: ['network', true, 'network_error'],
  queue_full: ['rate_limited', false, 'queue_full'],
  aborted: ['aborted', false, 'aborted'],
  redis_unavailable: ['unavailable', false, 'limiter_unavailable'],
  // The provider asked for a pause longer than the client holds calls: not sent now, can be later.
  hold_exceeded: ['rate_limited', true, 'rate_limit_hold'],
  // A long-window quota is spent: nothing is sent until its reset.
  quota: ['quota_exceeded', false, 'quota_exhausted'],
};

/** A classification made here, not read from a response: not retryable and without field errors unless `extra` says. */
export function classified(
  kind: ErrorKind,
  code: string,
  message: string,
  extra?: Partial<Pick<Classification, 'retryable' | 'retryAfterMs' | 'fieldErrors'>>,
): Classification {
  return { kind, code, message, retryable: false, fieldErrors: [], ...extra };
}

/**
 * Reads anything thrown while making a call (transport faults, fetch's `TypeError: fetch failed`, aborts and
 * timeouts, limiter refusals, user code) as a {@link Classification}. Which signal fired decides first, whatever
 * error object the abort surfaced as. Free text is scrubbed here, before anything can cut it.
 */
export function classifyFailure(thrown: unknown, cause: AbortCause | undefined, redactor: Redactor): Classification {
  try {
    let reading: Reading;
    let message: string | undefined;
    let retryAfterMs: number | undefined;
    if (cause !== undefined) reading = READINGS[cause];
    else if (thrown instanceof TransportFault || isLimiterRejectedError(thrown)) {
      // A limiter's own message (and wait) says more than its reason's row.
      reading = READINGS[thrown.reason] ?? ['unknown', false, 'limiter_error'];
      message = thrown.message;
      retryAfterMs = (thrown as { retryAfterMs?: number }).retryAfterMs;
    } else {
      const network = networkCode(thrown);
      if (network !== undefined) reading = ['network', true, network, `network error (${network})`];
      else if (thrown instanceof Error && thrown.name === 'TimeoutError') reading = READINGS.attempt;
      else if (thrown instanceof Error && thrown.name === 'AbortError') reading = READINGS.caller;
      else {
        const what = thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : 'unexpected failure';
        reading = ['unknown', false, 'internal_error', what];
      }
    }
    const [kind, retryable, code] = reading;
    const text = scrubText(message ?? (reading[3] as string), redactor);
    return { kind, retryable, code, message: text, retryAfterMs, fieldErrors: [] };
  } catch {
    // User code threw an error whose `name`, `message` or `code` getter throws: read as if nothing readable was.
    return classifyFailure(undefined, cause, redactor);
  }
}

// System errors (ECONNRESET, ENOTFOUND, ERR_SSL_..., ERR_TLS_...), undici's socket codes, and TLS certificate failures.
const NETWORK_CODE =
  /^(?:E[A-Z_]+|UND_ERR_(?:SOCKET|CLOSED|CONNECT_TIMEOUT|HEADERS_TIMEOUT|BODY_TIMEOUT)|CERT_HAS_EXPIRED|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE)$/;

/** The system error code behind a fetch failure (`TypeError: fetch failed` with a cause), if any. */
function networkCode(thrown: unknown): string | undefined {
  let current: unknown = thrown;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as Error & { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODE.test(code)) return code;
    if (current instanceof TypeError && (current.message === 'fetch failed' || current.message === 'terminated')) {
      const inner = networkCode(current.cause);
      return inner ?? (current.message === 'terminated' ? 'UND_ERR_SOCKET' : 'FETCH_FAILED');
    }
    current = current.cause;
  }
  return undefined;
}

/**
 * Registers the values a schema failure points at under secret-named members (`access_token`, `client_secret`): a
 * success body (a token endpoint's answer) holds credentials the client never sent, and a validator's message may
 * quote the value it refused (valibot: `...but received "ya29..."`). Returns `c` as it is, for the redaction that
 * follows.
 */
export function learnSecretFields(c: Classification, body: unknown, redactor: Redactor): Classification {
  for (const { path } of c.fieldErrors) {
    const value = getPath(body, path.split('.'));
    if (typeof value === 'string' && redactor.isSecretKey(path.slice(path.lastIndexOf('.') + 1)))
      redactor.addSecret(value);
  }
  return c;
}

/**
 * A copy of a thrown error that cannot carry a secret: fetch errors echo URLs, and user code may put anything in
 * a message, a name or a code. Only those three survive, each scrubbed.
 */
export function safeCause(thrown: unknown, redactor: Redactor): Error | undefined {
  if (!(thrown instanceof Error)) return undefined;
  // A caller's abort reason or user code may hold a message that is no string, or a getter that throws: no cause then.
  try {
    const copy = new Error(scrubText(thrown.message, redactor));
    copy.name = scrubText(String(thrown.name), redactor);
    const code = (thrown as Error & { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') {
      (copy as Error & { code?: string }).code = scrubText(String(code), redactor);
    }
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
  } catch {
    return undefined;
  }
}

// `refresh_token=...` or `"client_secret": "..."` outside a URL: a token function's or an OAuth library's error
// quoting the form or JSON it sent. The value ends where a query, a form or a JSON string would end it.
// Names start only after a non-name character, so a long run of word characters is scanned once, not once per start.
const SECRET_PAIR = /(?<![\w.-])([A-Za-z_][\w.-]*)(=|"\s*:\s*")([^\s&"'<>,;)\]}]+)/g;

/**
 * Free text of a thrown error, safe to keep: URLs lose userinfo and query (fetch's own messages quote URLs with
 * credentials), secret-named `name=value` / `"name": "value"` pairs lose their value, then known secrets are scrubbed.
 */
function scrubText(text: string, redactor: Redactor): string {
  // Linear on hostile input: find each "://", widen to the scheme on the left and to a delimiter on the right.
  let out = '';
  let done = 0;
  for (let at = text.indexOf('://'); at > 0; at = text.indexOf('://', at + 3)) {
    let start = at;
    while (start > done && /[a-z\d+.-]/i.test(text.charAt(start - 1))) start--;
    if (start === at || !/[a-z]/i.test(text.charAt(start))) continue;
    let end = at + 3;
    while (end < text.length && !/[\s'"<>]/.test(text.charAt(end))) end++;
    const safe = redactor.url(text.slice(start, end));
    const query = safe.indexOf('?');
    out += text.slice(done, start) + (query < 0 ? safe : `${safe.slice(0, query)}?${REDACTED}`);
    done = end;
    at = end - 3;
  }
  const paired = (out + text.slice(done)).replace(SECRET_PAIR, (pair, name: string, sep: string, value: string) => {
    if (!redactor.isSecretKey(name) || value === REDACTED) return pair;
    redactor.addSecret(value);
    return `${name}${sep}${REDACTED}`;
  });
  return redactor.text(paired);
}
