import type { HeaderMap } from '../classify/header-map';

/** Shown in place of every redacted value. */
export const REDACTED = '[REDACTED]';

/** Header names that always carry credentials, whatever the adapter. Lower-case. */
export const SECRET_HEADERS: readonly string[] = Object.freeze([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
]);

/** Query/body parameter names that always carry credentials. Lower-case. */
export const SECRET_PARAMS: readonly string[] = Object.freeze([
  'api_key',
  'apikey',
  'api-key',
  'access_token',
  'refresh_token',
  'id_token',
  'client_secret',
  'password',
  'token',
  'auth',
  'key',
  'secret',
  'signature',
  'sig',
]);

/** What a {@link Redactor} hides: header and parameter names, and literal secret values. */
export interface RedactionRules {
  /** Extra header names (any case) on top of {@link SECRET_HEADERS}. */
  readonly headers?: readonly string[];
  /** Extra parameter names (any case) on top of {@link SECRET_PARAMS}. */
  readonly params?: readonly string[];
  /** Literal secret values (tokens, keys, passwords) scrubbed from any free text. */
  readonly secrets?: readonly string[];
}

/** Longest body text kept on an error, in characters. */
export const MAX_KEPT_BODY_CHARS = 8 * 1024;
const MAX_DEPTH = 32;
const MIN_SECRET_LENGTH = 4;

/**
 * The one place that decides what is secret. Errors, events and logs all go through a redactor, so
 * that a credential can leak through none of them. Secrets are matched raw, URL-encoded and, for
 * basic auth, base64-encoded.
 *
 * @example
 * const r = createRedactor({ secrets: ['sk_live_123'] });
 * r.text('bad key sk_live_123'); // 'bad key [REDACTED]'
 */
export interface Redactor {
  /** Header names that are redacted (lower-case). */
  readonly secretHeaders: ReadonlySet<string>;
  /** Parameter names that are redacted (lower-case). */
  readonly secretParams: ReadonlySet<string>;
  /** Registers a secret value seen at run time (a refreshed token). */
  addSecret(value: string): void;
  /** Scrubs every known secret value out of `text`. */
  text(text: string): string;
  /** A copy of `headers` with secret headers replaced and secret values scrubbed. */
  headers(headers: HeaderMap): Record<string, string>;
  /** `url` with userinfo removed and secret query parameters replaced. Accepts relative URLs. */
  url(url: string): string;
  /** A size-bounded, redacted copy of a parsed body (secret keys replaced, strings scrubbed). */
  body(body: unknown): unknown;
}

/** Creates a {@link Redactor} from core's built-in rules plus `rules`. */
export function createRedactor(rules: RedactionRules = {}): Redactor {
  const secretHeaders = new Set(SECRET_HEADERS);
  for (const h of rules.headers ?? []) secretHeaders.add(h.toLowerCase());
  const secretParams = new Set(SECRET_PARAMS);
  for (const p of rules.params ?? []) secretParams.add(p.toLowerCase());
  const needles: string[] = [];

  const addSecret = (value: string): void => {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    if (needles.includes(value)) return;
    for (const form of secretForms(value)) {
      if (!needles.includes(form)) needles.push(form);
    }
    // Longest first, so that an encoded form is not half-replaced by a shorter raw one.
    needles.sort((a, b) => b.length - a.length);
  };
  for (const s of rules.secrets ?? []) addSecret(s);

  const text = (input: string): string => {
    if (needles.length === 0 || input.length === 0) return input;
    let out = input;
    for (const needle of needles) {
      if (out.includes(needle)) out = out.split(needle).join(REDACTED);
    }
    return out;
  };

  const url = (input: string): string => {
    // Nothing to redact without userinfo or a query: skip two URL parses on the hot path.
    if (!input.includes('?') && !input.includes('@')) return text(input);
    let parsed: URL;
    let relative = false;
    try {
      parsed = new URL(input);
    } catch {
      try {
        parsed = new URL(input, 'http://relative.invalid');
        relative = true;
      } catch {
        return text(input);
      }
    }
    parsed.username = '';
    parsed.password = '';
    for (const name of [...parsed.searchParams.keys()]) {
      if (secretParams.has(name.toLowerCase())) parsed.searchParams.set(name, REDACTED);
    }
    const out = relative ? `${parsed.pathname}${parsed.search}${parsed.hash}` : parsed.toString();
    return text(out.replaceAll(encodeURIComponent(REDACTED), REDACTED));
  };

  const headers = (input: HeaderMap): Record<string, string> => {
    const out: Record<string, string> = Object.create(null);
    for (const name of Object.keys(input)) {
      const value = input[name] as string;
      out[name] = secretHeaders.has(name) ? REDACTED : text(value);
    }
    return out;
  };

  const body = (input: unknown): unknown => {
    if (typeof input === 'string') return text(truncate(input));
    if (input === null || typeof input !== 'object') return input;
    const budget = { chars: MAX_KEPT_BODY_CHARS };
    return copyBody(input, 0, budget, secretParams, text);
  };

  return { secretHeaders, secretParams, addSecret, text, headers, url, body };
}

function secretForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value)]);
  try {
    forms.add(encodeURIComponent(value).replaceAll('%20', '+'));
  } catch {
    // encodeURIComponent throws only on lone surrogates; the raw form is still scrubbed.
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

function truncate(text: string): string {
  return text.length > MAX_KEPT_BODY_CHARS ? `${text.slice(0, MAX_KEPT_BODY_CHARS)}…[truncated]` : text;
}

function copyBody(
  value: unknown,
  depth: number,
  budget: { chars: number },
  secretParams: ReadonlySet<string>,
  scrub: (s: string) => string,
): unknown {
  if (budget.chars <= 0) return '…[truncated]';
  if (typeof value === 'string') {
    const kept = value.length > budget.chars ? `${value.slice(0, budget.chars)}…[truncated]` : value;
    budget.chars -= kept.length;
    return scrub(kept);
  }
  if (value === null || typeof value !== 'object') {
    budget.chars -= 8;
    return value;
  }
  if (depth >= MAX_DEPTH) return '…[too deep]';
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      if (budget.chars <= 0) {
        out.push('…[truncated]');
        break;
      }
      out.push(copyBody(item, depth + 1, budget, secretParams, scrub));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    if (budget.chars <= 0) {
      out['…'] = '[truncated]';
      break;
    }
    budget.chars -= key.length;
    out[key] = secretParams.has(key.toLowerCase())
      ? REDACTED
      : copyBody((value as Record<string, unknown>)[key], depth + 1, budget, secretParams, scrub);
  }
  return out;
}
