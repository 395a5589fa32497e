import type { Adapter, ClassifyVerdict } from '../adapter/types';
import { isErrorKind, RETRYABLE_BY_DEFAULT } from '../errors/kinds';
import type { Classification, FieldError, RateLimitInfo } from '../errors/types';
import { extractBodyFields } from './body-fields';
import { MAX_FIELD_ERRORS } from './field-errors';
import { cut, MAX_MESSAGE_CHARS } from './json-values';
import type { HeaderMap } from './header-map';
import { type ParsedBody, sniffBody } from './parse-body';
import { parseRateLimitHeaders } from './rate-limit-headers';
import { parseRequestId } from './request-id';
import { parseRetryAfter } from './retry-after';
import { parseRetryHint } from './retry-hint';
import { classifyStatus } from './status-table';

/** One response as the classifier needs it: headers already lower-cased. */
export interface RawResponse {
  readonly status: number;
  readonly headers: HeaderMap;
  /** Parsed JSON, a string, bytes or undefined. */
  readonly body: unknown;
  readonly method: string;
  /** Redacted URL. */
  readonly url: string;
}

/** The classifier's reading: the parsed body and, for an error, its classification. */
export interface ResponseReading {
  readonly parsed: ParsedBody;
  /** What the body is as JSON-or-text, as hooks and errors see it. */
  readonly body: unknown;
  /** `null` for a real success. */
  readonly classification: Classification | null;
}

/** Options of {@link classifyResponse}. */
export interface ClassifyOptions {
  /** Evaluation time in epoch ms. @default Date.now() */
  readonly now?: number;
  /** When false, an HTML or text 2xx body is a success, not an `invalid_response`. @default true */
  readonly expectJson?: boolean;
}

const MAX_TEXT_DETAIL = 200;
/** Longest code (and field path) kept from a hook, as core's own readings keep. */
const MAX_CODE_CHARS = 200;

/**
 * Classifies one response: core's defaults for any HTTP API, then the adapter's hook, then server
 * retry hints, which win over everything. Pure and synchronous; never throws.
 */
export function classifyResponse(adapter: Adapter, raw: RawResponse, options: ClassifyOptions = {}): ResponseReading {
  const now = options.now ?? Date.now();
  const parsed = sniffBody(raw.body, raw.headers['content-type']);
  const body = parsed.type === 'json' ? parsed.value : parsed.type === 'empty' ? undefined : parsed.text;
  const defaults = defaultClassification(adapter, raw, parsed, now, options.expectJson ?? true);

  let verdict: ClassifyVerdict | null | undefined;
  if (adapter.classify !== undefined) {
    try {
      verdict = adapter.classify({
        status: raw.status,
        headers: raw.headers,
        body,
        method: raw.method,
        url: raw.url,
        defaults,
        now,
      });
    } catch {
      // A hook must not turn a provider's odd body into a crash; core's reading still stands.
      verdict = undefined;
    }
  }

  let classification: Classification | null;
  if (verdict === undefined) classification = defaults;
  else if (verdict === null) classification = null;
  else classification = merge(defaults ?? successBase(adapter, raw, now), verdict, now);

  if (classification !== null) {
    const hint = parseRetryHint(raw.headers, adapter.retryHintHeaders);
    if (hint !== undefined && hint !== classification.retryable) {
      classification = withFields(classification, { retryable: hint });
    }
  }
  return { parsed, body, classification };
}

function defaultClassification(
  adapter: Adapter,
  raw: RawResponse,
  parsed: ParsedBody,
  now: number,
  expectJson: boolean,
): Classification | null {
  const fromStatus = classifyStatus(raw.status);
  if (fromStatus === null) {
    if (!expectJson || parsed.type === 'json' || parsed.type === 'empty') return null;
    const facts = headerFacts(adapter, raw.headers, now);
    return {
      kind: 'invalid_response',
      retryable: false,
      code: parsed.type === 'html' ? 'html_body' : 'non_json_body',
      message: `expected JSON, got ${parsed.type === 'html' ? 'an HTML page' : 'text'}: ${snippetOf(parsed)}`,
      retryAfterMs: facts.retryAfterMs,
      requestId: facts.requestId,
      rateLimit: facts.rateLimit,
      fieldErrors: [],
      possiblyProcessed: undefined,
    };
  }

  let kind = fromStatus.kind;
  let retryable = fromStatus.retryable;
  let message: string | undefined;
  let code: string | undefined;
  let fieldErrors: Classification['fieldErrors'] = [];
  if (parsed.type === 'json') {
    const fields = extractBodyFields(parsed.value);
    message = fields.message;
    code = fields.code;
    fieldErrors = fields.fieldErrors;
  } else if (parsed.type === 'html') {
    // An HTML page on a 5xx is a gateway, CDN or load balancer talking, not the API.
    if (raw.status >= 500) {
      kind = 'unavailable';
      retryable = true;
    }
    message = parsed.snippet;
  } else if (parsed.type === 'text') {
    message = snippetOf(parsed);
  }
  if (message === undefined || message === '') message = headerMessage(adapter, raw.headers);

  const facts = headerFacts(adapter, raw.headers, now);
  let retryAfterMs = facts.retryAfterMs;
  if (retryAfterMs === undefined && kind === 'rate_limited') retryAfterMs = untilReset(facts.rateLimit, now);
  // One fixed shape for every classification keeps this hot path monomorphic (no conditional spreads).
  return {
    kind,
    retryable,
    code,
    message,
    retryAfterMs,
    requestId: facts.requestId,
    rateLimit: facts.rateLimit,
    fieldErrors,
    possiblyProcessed: undefined,
  };
}

function successBase(adapter: Adapter, raw: RawResponse, now: number): Classification {
  const facts = headerFacts(adapter, raw.headers, now);
  return {
    kind: 'unknown',
    retryable: false,
    code: undefined,
    message: undefined,
    retryAfterMs: facts.retryAfterMs,
    requestId: facts.requestId,
    rateLimit: facts.rateLimit,
    fieldErrors: [],
    possiblyProcessed: undefined,
  };
}

function merge(base: Classification, verdict: ClassifyVerdict, now: number): Classification {
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
  const out = withFields(base, { kind, retryable });
  // Bounded like core's own readings: a hook passing a provider's 1 MB string on must not make a 1 MB message.
  if (typeof verdict.code === 'string') out.code = cut(verdict.code, MAX_CODE_CHARS);
  if (typeof verdict.message === 'string') out.message = cut(verdict.message, MAX_MESSAGE_CHARS);
  if (Number.isFinite(verdict.retryAfterMs) && (verdict.retryAfterMs as number) >= 0)
    out.retryAfterMs = verdict.retryAfterMs;
  if (verdict.fieldErrors !== undefined) out.fieldErrors = boundedFieldErrors(verdict.fieldErrors);
  if (verdict.rateLimit !== undefined) out.rateLimit = verdict.rateLimit;
  if (verdict.requestId !== undefined) out.requestId = verdict.requestId;
  if (verdict.possiblyProcessed !== undefined) out.possiblyProcessed = verdict.possiblyProcessed;
  if (out.retryAfterMs === undefined && kind === 'rate_limited') {
    const wait = untilReset(out.rateLimit, now);
    if (wait !== undefined) out.retryAfterMs = wait;
  }
  return out;
}

/** A hook's field errors, bounded and checked like core's own: at most 50, text cut, malformed items dropped. */
function boundedFieldErrors(list: readonly FieldError[]): FieldError[] {
  const out: FieldError[] = [];
  if (!Array.isArray(list)) return out;
  for (const item of list as readonly unknown[]) {
    if (out.length >= MAX_FIELD_ERRORS) break;
    const f = item as Partial<Record<keyof FieldError, unknown>> | null;
    if (typeof f?.path !== 'string' || typeof f.message !== 'string') continue;
    const code = typeof f.code === 'string' ? cut(f.code, MAX_CODE_CHARS) : undefined;
    out.push(
      code === undefined
        ? { path: cut(f.path, MAX_CODE_CHARS), message: cut(f.message, MAX_MESSAGE_CHARS) }
        : { path: cut(f.path, MAX_CODE_CHARS), message: cut(f.message, MAX_MESSAGE_CHARS), code },
    );
  }
  return out;
}

type MutableClassification = { -readonly [K in keyof Classification]: Classification[K] };

/** A copy of `c` with `fields` replaced; written out member by member because object spread is slow here. */
function withFields(c: Classification, fields: Partial<Classification>): MutableClassification {
  const out: MutableClassification = {
    kind: c.kind,
    retryable: c.retryable,
    code: c.code,
    message: c.message,
    retryAfterMs: c.retryAfterMs,
    requestId: c.requestId,
    rateLimit: c.rateLimit,
    fieldErrors: c.fieldErrors,
    possiblyProcessed: c.possiblyProcessed,
  };
  if (fields.kind !== undefined) out.kind = fields.kind;
  if (fields.retryable !== undefined) out.retryable = fields.retryable;
  return out;
}

interface HeaderFacts {
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly rateLimit: RateLimitInfo | undefined;
}

/** Request id, Retry-After and rate-limit headers: the facts every response carries, error or not. */
export function headerFacts(adapter: Adapter, headers: HeaderMap, now: number): HeaderFacts {
  const names = adapter.rateLimitHeaders;
  return {
    requestId: parseRequestId(headers, adapter.requestIdHeaders),
    retryAfterMs: parseRetryAfter(headers, { now }),
    // Member by member: a spread followed by `now` costs microseconds on Node 20 (see docs/benchmarks.md).
    rateLimit: parseRateLimitHeaders(headers, {
      limit: names?.limit,
      remaining: names?.remaining,
      reset: names?.reset,
      resetUnit: names?.resetUnit,
      scope: names?.scope,
      now,
    }),
  };
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

function snippetOf(parsed: ParsedBody): string {
  if (parsed.type === 'html') return parsed.snippet;
  if (parsed.type === 'text') {
    const t = parsed.text.trim().replace(/\s+/g, ' ');
    return t.length > MAX_TEXT_DETAIL ? `${t.slice(0, MAX_TEXT_DETAIL)}…` : t;
  }
  return '';
}
