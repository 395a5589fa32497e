import type { Adapter } from '../adapter/types';
import { type ErrorKind, isErrorKind, RETRYABLE_BY_DEFAULT } from '../errors/kinds';
import { createRedactor, type Redactor } from '../errors/redact';
import type { Classification, FieldError, RateLimitInfo } from '../errors/types';
import { cut, extractBodyFields, MAX_FIELD_ERRORS, MAX_MESSAGE_CHARS } from './body-fields';
import type { HeaderMap } from './header-map';
import { clip, htmlText, MAX_SNIPPET_CHARS } from './html-snippet';
import { isDeclaredText, sniffBody } from './parse-body';
import { readHeaders } from './read-headers';
import { classifyStatus } from './status-table';
import type { ClassifyContext, ClassifyVerdict, HeaderReadings } from './types';

/** One response as {@link classifyResponse} takes it, read once; `body` as read (bytes, text, parsed JSON). */
type ResponseFacts = Pick<ClassifyContext, 'status' | 'headers' | 'body' | 'method' | 'url'> & {
  /** @default derived from `url` */
  readonly path?: string | undefined;
  /** @default Date.now() */
  readonly now?: number | undefined;
  /**
   * The caller reads a success raw (`responseType` `text`, `bytes` or `stream`): a 2xx body that is not JSON is
   * its data, HTML included. A JSON 2xx is still classified (Slack and GraphQL answer errors with 200).
   */
  readonly raw?: boolean | undefined;
};

/** What {@link classifyResponse} read from one response. */
export interface ClassifiedResponse {
  /** `null` for a real success; else the error, every text member redacted then bounded. */
  readonly classification: Classification | null;
  /** The parsed body (JSON value, text, or undefined when empty), NOT redacted: a success's data. */
  readonly body: unknown;
  /** Core's header readings, for successes and errors alike (request id and scope redacted). */
  readonly readings: HeaderReadings;
  /** What redacted it: the redactor given, or a copy of the adapter's shared one that learned what the answer brings. */
  readonly redactor: Redactor;
}

/** Longest code, field path and request id kept. */
const MAX_CODE_CHARS = 200;

const redactors = new WeakMap<Adapter, Redactor>();

/** The redactor for an adapter's declared credential headers and parameters (no secret values). */
export function adapterRedactor(adapter: Adapter): Redactor {
  let redactor = redactors.get(adapter);
  if (redactor === undefined) {
    const headers = [...(adapter.credentialHeaders ?? [])];
    const params = [...(adapter.credentialParams ?? [])];
    for (const scheme of adapter.auth ?? []) {
      if (scheme.type === 'header') headers.push(scheme.header);
      if (scheme.type === 'query') params.push(scheme.param);
    }
    redactor = createRedactor({ headers, params });
    redactors.set(adapter, redactor);
  }
  return redactor;
}

/** A new redactor with the adapter's rules, for one answer or one client: the secrets it learns never reach the shared one. */
export function answerRedactor(adapter: Adapter): Redactor {
  const shared = adapterRedactor(adapter);
  return createRedactor({ headers: [...shared.secretHeaders], params: [...shared.secretParams] });
}

/** Secrets one answer may teach the redactor (it keeps 64 besides the configured ones). */
const MAX_CARRIED = 32;

/**
 * Reads, classifies and redacts one response, once: the body is parsed, the headers are read, core's default
 * reading is made, the adapter's hook refines it, a server retry hint wins over both, and then every text the
 * classification keeps is redacted and only then cut to size (no cut can keep a piece of a secret). Never throws.
 *
 * @param given - the client's redactor (it knows the call's secrets). @default the adapter's
 * @example
 * const { classification, body, readings } = classifyResponse(stripe, { status, headers, body: bytes, method, url });
 */
export function classifyResponse(
  adapter: Adapter,
  response: ResponseFacts,
  given: Redactor = adapterRedactor(adapter),
): ClassifiedResponse {
  let redactor = given;
  const { status, headers } = response;
  const now = response.now ?? Date.now();
  const contentType = headers['content-type'];
  const parsed = sniffBody(response.body, contentType);
  const type = parsed.type;
  const body =
    type === 'json' ? parsed.value : type === 'binary' ? parsed.bytes : type === 'empty' ? undefined : parsed.text;
  const fromStatus = classifyStatus(status);
  // An error's body and a redirect's URL may bring credentials the client never sent: known before any text is read.
  const carried = redactor.carried(headers, fromStatus === null ? undefined : body);
  if (carried.length > 0) {
    // The adapter's redactor serves every normalizeResponse call: what one answer brings stays with its own error.
    if (redactor === redactors.get(adapter)) redactor = answerRedactor(adapter);
    // At most half the redactor's bounded memory: an answer naming many members like credentials must not push out
    // the call's own credential (a token function's, not pinned), which the rest of the answer may quote. The last
    // ones: the body's members; every member and header they come from is redacted by its name anyway.
    for (const secret of carried.slice(-MAX_CARRIED)) redactor.addSecret(secret);
  }
  const readings = readHeaders(adapter, headers, now, redactor.text);
  // A 2xx body is the caller's data when it is JSON or nothing, a type declared as text (CSV, XML) or binary, or
  // anything when the caller reads raw. HTML and undeclared text are a login page or a proxy talking.
  const data =
    type === 'json' ||
    type === 'empty' ||
    response.raw === true ||
    (type === 'binary' ? parsed.contentType !== '' : type === 'text' && isDeclaredText(contentType));

  let defaults: Draft | null = null;
  // Limit of a message that summarizes an HTML or text body (cut with an ellipsis); 0 for others.
  let snippetLimit = 0;
  if (fromStatus !== null || !data) {
    const c = base(readings, fromStatus?.kind ?? 'invalid_response', fromStatus?.retryable ?? false);
    defaults = c;
    if (type === 'json') {
      const fields = extractBodyFields(parsed.value);
      c.message = fields.message;
      c.code = fields.code;
      c.fieldErrors = fields.fieldErrors;
    } else if (type !== 'empty') {
      if (type === 'binary') {
        // Bytes are summarized, never quoted: decoded as text they are noise, and may be anything.
        c.message = `binary data (${parsed.bytes.byteLength} bytes${parsed.contentType === '' ? '' : `, ${parsed.contentType}`})`;
      } else {
        // The raw text is redacted first, because markup and folded whitespace can split a secret the body echoes;
        // the summary is redacted again in `finish`, because entities (`&amp;`) can hide one.
        const raw = redactor.text(parsed.text);
        c.message = type === 'html' ? htmlText(raw) : raw.trim().replace(/\s+/g, ' ');
        snippetLimit = MAX_SNIPPET_CHARS;
        if (type === 'html' && status >= 500 && c.retryable) {
          // An HTML page on a 5xx is a gateway, CDN or load balancer talking, not the API. Not where the status
          // itself is lasting (501, 505-508, 510, 511): a web server's stock page for a missing method or a full disk.
          c.kind = 'unavailable';
        }
      }
      if (fromStatus === null) {
        // A 2xx that is not JSON and not declared as text: a login page or a proxy's answer, not the API.
        c.code = type === 'html' ? 'html_body' : 'non_json_body';
        const prefix = `expected JSON, got ${type === 'html' ? 'an HTML page: ' : type === 'text' ? 'text: ' : ''}`;
        if (snippetLimit > 0) snippetLimit += prefix.length;
        c.message = prefix + c.message;
      }
    }
    if (!c.message) {
      c.message = headerMessage(adapter, headers);
      snippetLimit = 0;
    }
    if (c.retryAfterMs === undefined && c.kind === 'rate_limited') c.retryAfterMs = untilReset(c.rateLimit, now);
  }

  let verdict: ClassifyVerdict | null | undefined;
  if (adapter.classify !== undefined) {
    try {
      verdict = adapter.classify({
        status,
        headers,
        body,
        method: response.method,
        url: response.url,
        path: response.path ?? pathOf(response.url),
        readings,
        defaults,
        now,
      });
    } catch {
      // A hook must not turn a provider's odd body into a crash; core's reading still stands.
    }
  }

  let c: Classification | null = defaults;
  if (verdict === null) c = null;
  else if (verdict !== undefined) {
    c = merge(defaults ?? base(readings, 'unknown', false), verdict, now);
    if (typeof verdict.message === 'string') snippetLimit = 0;
  }
  if (c === null) return { classification: null, body, readings, redactor };
  return { classification: finish(c, readings, redactor.text, snippetLimit), body, readings, redactor };
}

/**
 * A classification made elsewhere (a transport fault, a schema mismatch) with every text member redacted,
 * then cut to the same bounds as a response's. What `classifyResponse` returns is redacted already.
 */
export function redactClassification(c: Classification, redactor: Redactor): Classification {
  return finish(c, undefined, redactor.text, 0);
}

type Draft = { -readonly [K in keyof Classification]: Classification[K] };

/** A classification with the response's header readings; one fixed shape keeps this hot path monomorphic. */
function base(readings: HeaderReadings, kind: ErrorKind, retryable: boolean): Draft {
  return {
    kind,
    retryable,
    code: undefined,
    message: undefined,
    retryAfterMs: readings.retryAfterMs,
    requestId: readings.requestId,
    rateLimit: readings.rateLimit,
    fieldErrors: [],
    possiblyProcessed: undefined,
    notProcessed: undefined,
    maxRetries: undefined,
  };
}

function merge(base: Classification, verdict: ClassifyVerdict, now: number): Draft {
  // Hooks are typed, but a lookup table indexed by provider text can still hand back anything
  // (`KINDS['hasOwnProperty']` is a function): a value of the wrong type is ignored, never a crash.
  const kind = isErrorKind(verdict.kind) ? verdict.kind : base.kind;
  // A hook that changes the kind changes what retrying means, unless it says so itself.
  const retryable =
    typeof verdict.retryable === 'boolean'
      ? verdict.retryable
      : kind === base.kind
        ? base.retryable
        : RETRYABLE_BY_DEFAULT[kind];
  const fieldErrors = verdict.fieldErrors;
  // Written out member by member: object spread is slow on this path.
  const out: Draft = {
    kind,
    retryable,
    code: typeof verdict.code === 'string' ? verdict.code : base.code,
    message: typeof verdict.message === 'string' ? verdict.message : base.message,
    retryAfterMs: base.retryAfterMs,
    requestId: verdict.requestId === undefined ? base.requestId : verdict.requestId,
    rateLimit: verdict.rateLimit === undefined ? base.rateLimit : verdict.rateLimit,
    // Malformed items are dropped and the list bounded in `finish`.
    fieldErrors: fieldErrors === undefined ? base.fieldErrors : Array.isArray(fieldErrors) ? fieldErrors : [],
    possiblyProcessed: verdict.possiblyProcessed === undefined ? base.possiblyProcessed : verdict.possiblyProcessed,
    notProcessed: verdict.notProcessed === true,
    maxRetries:
      Number.isSafeInteger(verdict.maxRetries) && (verdict.maxRetries as number) >= 0 ? verdict.maxRetries : undefined,
  };
  if (Number.isFinite(verdict.retryAfterMs) && (verdict.retryAfterMs as number) >= 0) {
    out.retryAfterMs = verdict.retryAfterMs;
  }
  if (out.retryAfterMs === undefined && kind === 'rate_limited') out.retryAfterMs = untilReset(out.rateLimit, now);
  return out;
}

/**
 * Redacts, THEN cuts, every text a classification keeps: cutting first would leave a piece of a secret that no
 * redactor recognizes (one straddling character 500). Readings are redacted already and kept as they are.
 */
function finish(
  c: Classification,
  readings: HeaderReadings | undefined,
  scrub: (s: string) => string,
  snippetLimit: number,
): Classification {
  const out: Draft = {
    kind: c.kind,
    // A server's explicit retry hint wins over every reading.
    retryable: readings?.retryHint ?? c.retryable,
    code: c.code === undefined ? undefined : cut(scrub(c.code), MAX_CODE_CHARS),
    message:
      c.message === undefined
        ? undefined
        : snippetLimit > 0
          ? clip(scrub(c.message), snippetLimit)
          : cut(scrub(c.message), MAX_MESSAGE_CHARS),
    retryAfterMs: c.retryAfterMs,
    requestId:
      c.requestId === undefined || c.requestId === readings?.requestId
        ? c.requestId
        : cut(scrub(c.requestId), MAX_CODE_CHARS),
    rateLimit: c.rateLimit,
    fieldErrors: c.fieldErrors.length === 0 ? c.fieldErrors : finishFields(c.fieldErrors, scrub),
    possiblyProcessed: c.possiblyProcessed,
    notProcessed: c.notProcessed,
    maxRetries: c.maxRetries,
  };
  const scope = c.rateLimit?.scope;
  if (scope !== undefined && c.rateLimit !== readings?.rateLimit) {
    out.rateLimit = { ...c.rateLimit, scope: cut(scrub(scope), MAX_CODE_CHARS) };
  }
  return out;
}

/** At most {@link MAX_FIELD_ERRORS} well-formed field errors (a hook's may be anything), redacted then cut. */
function finishFields(list: readonly FieldError[], scrub: (s: string) => string): FieldError[] {
  const out: FieldError[] = [];
  for (const item of list as readonly unknown[]) {
    if (out.length >= MAX_FIELD_ERRORS) break;
    const f = item as Partial<Record<keyof FieldError, unknown>> | null;
    if (typeof f?.path !== 'string' || typeof f.message !== 'string') continue;
    const path = cut(scrub(f.path), MAX_CODE_CHARS);
    const message = cut(scrub(f.message), MAX_MESSAGE_CHARS);
    out.push(
      typeof f.code === 'string' ? { path, message, code: cut(scrub(f.code), MAX_CODE_CHARS) } : { path, message },
    );
  }
  return out;
}

function untilReset(rateLimit: RateLimitInfo | undefined, now: number): number | undefined {
  if (rateLimit?.remaining !== 0 || rateLimit.resetAt === undefined) return undefined;
  return Math.max(0, rateLimit.resetAt - now);
}

function headerMessage(adapter: Adapter, headers: HeaderMap): string | undefined {
  for (const name of adapter.messageHeaders ?? []) {
    const value = headers[name.toLowerCase()];
    if (value) return value;
  }
  return undefined;
}

/**
 * `https://h/a/b?q#f` -> `/a/b`; `/a?q` -> `/a`, as the URL parser gives it for a serialized URL, without the cost of
 * a parse. Like the parser, it drops tabs and newlines first.
 */
export function pathOf(input: string): string {
  // indexOf scans, not a regex: this runs twice on every error (measured: the regex made normalizeResponse slower).
  const url =
    input.includes('\t') || input.includes('\n') || input.includes('\r') ? input.replace(/[\t\n\r]/g, '') : input;
  const scheme = url.indexOf('://');
  // Past the authority, which ends at the first `/`, `?` or `#`; then up to the query or fragment.
  const start = scheme < 0 ? 0 : Math.min(at(url, '/', scheme + 3), at(url, '?', scheme + 3), at(url, '#', scheme + 3));
  const end = Math.min(at(url, '?', start), at(url, '#', start));
  return end > start ? url.slice(start, end) : '/';
}

function at(url: string, char: string, from: number): number {
  const i = url.indexOf(char, from);
  return i < 0 ? url.length : i;
}
