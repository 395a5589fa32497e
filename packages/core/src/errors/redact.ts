import type { HeaderMap } from '../classify/header-map';
import { decodeParam } from '../transport/strip-credentials';

/** Shown in place of every redacted value. */
export const REDACTED = '[REDACTED]';

/** Header names that always carry credentials, whatever the adapter. Lower-case. */
const SECRET_HEADERS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
];

/** Query/body parameter names that always carry credentials. Lower-case. */
const SECRET_PARAMS = [
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
];

// Words that make a header name a credential's: `X-API-Key`, `X-Auth-Token`, `X-Shopify-Access-Token`,
// `X-Client-Secret`, `Session-Id`... Each ends a dash/underscore-separated word (`X-Tokens-Remaining` is a count); the
// nouns may also end one they are glued into (`X-AuthToken`, `X-ApiKey`, `XAccessToken`), but not `auth`, which
// would take in `X-OAuth-Scopes`.
const SECRET_WORD =
  /(?:(?:^|[-_])(?:auth|authorization|session|cookie|credentials?)|key|token|secret|passw(?:or)?d|signature)(?:$|[-_])/;

/** Whether a (lower-cased) header name says its value is a credential. */
export function isSecretHeaderName(name: string): boolean {
  // An idempotency key is an id the caller chose, not a credential.
  return SECRET_WORD.test(name) && !name.includes('idempotency');
}

/**
 * Registers a credential as a header carries it, with and without its scheme word: `Bearer sk_...`, `token ghp_...`;
 * `Basic` also with the user name and password it encodes, as the `auth` option registers them.
 */
export function addCredential(value: string, redactor: Redactor): void {
  redactor.addSecret(value);
  // The credential alone is what a provider or an error echoes.
  const bare = value.replace(/^\S+\s+/, '');
  redactor.addSecret(bare);
  if (!/^basic\s/i.test(value)) return;
  // `user:pass`, split at the first colon only: a password may hold one.
  for (const part of Buffer.from(bare, 'base64').toString().split(/:(.*)/s)) redactor.addSecret(part);
}

/** What a {@link Redactor} hides: header and parameter names, and literal secret values. */
interface RedactionRules {
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
const TRUNCATED = '…[truncated]';
const MIN_SECRET_LENGTH = 4;
/**
 * Words of the protocol that a guessed source hands over as a "credential": `?auth=true`, `X-Token-Type: Bearer`,
 * Jira's `X-Atlassian-Token: no-check`. As needles they would blank the word out of every message and body (the
 * family of `auth.scheme`'s 'basic'); no credential is one of them.
 */
const NOT_SECRETS = /^(?:true|false|null|none|undefined|bearer|basic|token|digest|no-?check)$/i;
/**
 * Secret values remembered per redactor besides the pinned ones (see {@link Redactor.pinSecrets}). Tokens refreshed
 * for months, or a credential in the URL of every call, must not grow the list (and the cost of every scrub)
 * without end; the least recently seen go first.
 */
const MAX_SECRETS = 64;

/**
 * The one place that decides what is secret. Errors, events and logs all go through a redactor, so
 * that a credential can leak through none of them. Secrets are matched in every spelling they travel in (raw,
 * URL-, JSON- and HTML-escaped, base64, as a JSON pointer), in any letter case but for short words of letters.
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
  /**
   * Whether a key of an answer's body, or the name in a `name=value` pair of free text, names a credential: the
   * secret parameter names, less those that are credentials in a request only (`code`).
   */
  isSecretKey(name: string): boolean;
  /** Registers a secret value seen at run time (a refreshed token). */
  addSecret(value: string): void;
  /**
   * Keeps every secret registered so far for good: a client's configured credentials must stay scrubbed however
   * many values (query signatures, refreshed tokens) pass through the bounded memory of the others afterwards.
   * The secrets given to {@link createRedactor} are pinned already.
   */
  pinSecrets(): void;
  /** Scrubs every known secret value out of `text`. */
  text(text: string): string;
  /** A copy of `headers` with secret headers replaced and secret values scrubbed. */
  headers(headers: HeaderMap): Record<string, string>;
  /**
   * `url` with userinfo removed and secret query parameters replaced. Accepts relative URLs. The values
   * removed are registered as secrets, so that an echo of them elsewhere (a body, an error message) is
   * scrubbed too.
   */
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
  // Registered secrets, least recently seen first, and the forms scrubbed for them, longest first so
  // that an encoded form is not half-replaced by a shorter raw one. Seeing a secret again only moves it
  // (every attempt reads its credential); the forms are recomputed only when the set changes.
  const secrets: string[] = [];
  // The first `pinned` secrets are configuration (a client's own credentials): never moved, never forgotten.
  let pinned = 0;
  // Each form with whether it is matched in any case (then lower-cased, see CASED).
  let needles: [form: string, caseless: boolean][] = [];

  const addSecret = (value: string): void => {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || value === REDACTED) return;
    if (NOT_SECRETS.test(value)) return;
    // A token read from a file or an environment variable often ends in a newline. `Headers` trims it off what
    // is sent, and a provider echoes what it received: the trimmed value is a secret too.
    const trimmed = value.trim();
    if (trimmed !== value) addSecret(trimmed);
    const known = secrets.lastIndexOf(value);
    if (known >= pinned) {
      secrets.splice(known, 1);
      secrets.push(value);
      return;
    }
    if (known >= 0) return;
    secrets.push(value);
    if (secrets.length > pinned + MAX_SECRETS) secrets.splice(pinned, 1);
    needles = [
      ...new Map(secrets.flatMap(secretForms).map((f) => (CASED.test(f) ? [f, false] : [fold(f), true]))),
    ].sort((a, b) => b[0].length - a[0].length);
  };
  const pinSecrets = (): void => {
    pinned = secrets.length;
  };
  for (const s of rules.secrets ?? []) addSecret(s);
  pinSecrets();

  // `code` is a credential in a request only: the OAuth authorization code of a token request (RFC 6749 4.1.3), but
  // the error code of most error bodies (GraphQL `extensions.code`, QuickBooks `Fault.Error[].code`).
  const isSecretKey = (name: string): boolean => {
    const lower = name.toLowerCase();
    return lower !== 'code' && secretParams.has(lower);
  };

  const text = (input: string): string => {
    if (needles.length === 0 || input.length === 0) return input;
    let out = input;
    // Searched for caseless forms; changed with `out`, so that an index in one is the same in the other.
    let lower = fold(input);
    for (const [needle, caseless] of needles) {
      for (let at = (caseless ? lower : out).indexOf(needle); at >= 0; ) {
        out = out.slice(0, at) + REDACTED + out.slice(at + needle.length);
        lower = lower.slice(0, at) + REDACTED + lower.slice(at + needle.length);
        at = (caseless ? lower : out).indexOf(needle, at + REDACTED.length);
      }
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
        // A URL the WHATWG parser refuses (a base URL glued to an absolute path): userinfo is cut out by pattern.
        return text(pairs(input.replace(/(\/\/)[^/?#\s]*@/g, '$1')));
      }
    }
    // Userinfo arrives percent-encoded; both spellings are secrets.
    for (const part of [parsed.username, parsed.password]) {
      addSecret(part);
      addSecret(decodeParam(part));
    }
    parsed.username = '';
    parsed.password = '';
    return text(pairs(relative ? `${parsed.pathname}${parsed.search}${parsed.hash}` : parsed.toString()));
  };

  /**
   * `input` with the value of each secret-named `name=value` pair of a query, a fragment (`#access_token=`, an
   * OAuth redirect) or a `;` list replaced, and remembered as a secret (decoded), so that an echo elsewhere is
   * scrubbed too.
   */
  const pairs = (input: string): string =>
    input.replace(/([?&;#])([^=&#\s]+)=([^&#\s]*)/g, (pair, sep: string, name: string, value: string) => {
      if (!secretParams.has(decodeParam(name).toLowerCase())) return pair;
      addSecret(decodeParam(value));
      return `${sep}${name}=${REDACTED}`;
    });

  const headers = (input: HeaderMap): Record<string, string> => {
    const out: Record<string, string> = Object.create(null);
    for (const name of Object.keys(input)) {
      const value = input[name] as string;
      // Secret-looking names too: an answer may carry a credential the client never sent (`X-Refresh-Token`), and
      // so may a redirect's URL (an OAuth `#access_token=`); not `Link`, which the paginator follows as read here.
      // Names are provider text too (`x-<the token>: invalid`), as a body's keys are.
      out[text(name)] =
        secretHeaders.has(name) || isSecretHeaderName(name)
          ? REDACTED
          : text(name.endsWith('location') ? pairs(value) : value);
    }
    return out;
  };

  // Strings are scrubbed before they are cut: a cut through a secret would leave a piece no needle matches.
  const copy = (value: unknown, depth: number, budget: { chars: number }): unknown => {
    if (budget.chars <= 0) return TRUNCATED;
    if (typeof value === 'string') {
      const clean = unsplit(text(value));
      const kept = clean.length > budget.chars ? `${clean.slice(0, budget.chars)}${TRUNCATED}` : clean;
      budget.chars -= kept.length;
      return kept;
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
          out.push(TRUNCATED);
          break;
        }
        out.push(copy(item, depth + 1, budget));
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
      // Keys are provider text too (`{"<the token>": "invalid"}`).
      out[text(key)] = isSecretKey(key) ? REDACTED : copy((value as Record<string, unknown>)[key], depth + 1, budget);
    }
    return out;
  };
  const body = (input: unknown): unknown => copy(input, 0, { chars: MAX_KEPT_BODY_CHARS });

  /**
   * `markup` as kept, unless a known secret shows once its tags are removed (`sk_live<wbr>_123`, a page breaking a
   * token it echoes): then its text without tags, scrubbed. Only text with a `<` is looked at, only when secrets
   * are known, and only when a body is first read.
   */
  const unsplit = (markup: string): string => {
    if (needles.length === 0 || !markup.includes('<')) return markup;
    const bare = markup.replace(MARKUP, '');
    const scrubbed = text(bare);
    return scrubbed === bare ? markup : scrubbed;
  };

  return { secretHeaders, secretParams, isSecretKey, addSecret, pinSecrets, text, headers, url, body };
}

/**
 * The spellings a secret travels in: raw; percent-encoded as `encodeURIComponent` writes it (also with
 * `+` for spaces, and twice), as a URL serializer re-escapes that in a query (`'` too), as form encoding writes it
 * (`URLSearchParams`: `!'()~` too), and fully (RFC 3986 unreserved characters only), hex digits in any case (see
 * `CASED`); escaped inside a JSON string (a message quoting a value with `JSON.stringify`, or PHP's,
 * Go's and Python's encoders); escaped for
 * HTML (an error page, or a JSON member holding markup, kept as the provider wrote it); as a JSON pointer's
 * reference token; and base64 (a provider or a proxy echoing the token it decoded from a header).
 */
function secretForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1);
  const html = value.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] as string);
  const base64url = Buffer.from(value).toString('base64url');
  // `\uXXXX` for each character `pattern` matches.
  const unicodeEscaped = (pattern: RegExp): string =>
    json.replace(pattern, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const forms = new Set([
    value,
    new URLSearchParams({ s: value }).toString().slice(2),
    json,
    // Valid but non-default JSON escapes, for text that is not parsed (parsed JSON is matched decoded):
    // PHP's json_encode writes `\/`, Go's encoding/json writes `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`.
    json.replaceAll('/', '\\/'),
    unicodeEscaped(/[<>&]/g),
    // Python's json.dumps (ensure_ascii, its default) writes every non-ASCII character as `\uXXXX`.
    unicodeEscaped(/[\u0080-\uffff]/g),
    // `'` kept (PHP's htmlspecialchars before 8.1), as Go's html/template and lodash write it (`&#39;`), and as
    // Python's html.escape and React do (`&#x27;`).
    html,
    html.replaceAll("'", '&#39;'),
    html.replaceAll("'", '&#x27;'),
    // A JSON pointer's reference token (RFC 6901): a validation or JSON-Patch error's `pointer` or `path` member.
    value.replaceAll('~', '~0').replaceAll('/', '~1'),
    // Unpadded.
    base64url,
    base64url.replaceAll('-', '+').replaceAll('_', '/'),
  ]);
  try {
    const encoded = encodeURIComponent(value);
    // Encoded twice: a URL quoting the credential, itself a query value (`?next=https%3A...%253D`).
    forms.add(encodeURIComponent(encoded));
    // Hex digits in either case: forms with a `%` are matched caseless.
    const strict = encoded.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    for (const form of [encoded, encoded.replaceAll("'", '%27'), strict]) {
      // Lower-case hex digits (.NET's HttpUtility.UrlEncode writes `%2f`) are matched as every form is, in any case.
      for (const spaced of [form, form.replaceAll('%20', '+')]) forms.add(spaced);
    }
  } catch {
    // encodeURIComponent throws only on lone surrogates; the other forms are still scrubbed.
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

/**
 * A form matched in its own case only: a word of letters under 16 characters (a weak password such as `Swordfish`),
 * whose other cases are ordinary words. Any other form is also matched lower- or upper-cased, as a provider may
 * echo it (a host name, a message shouting the key it refused).
 */
const CASED = /^[a-z]{0,15}$/i;

/** `text` lower-cased with one code unit for each (an index in it is one in `text`): `toLowerCase` makes two of `İ`. */
const fold = (text: string): string => text.replaceAll('\u0130', 'i').toLowerCase();

/** A tag or a comment, as removed from markup that splits a secret. */
const MARKUP = /<[a-zA-Z/!][^<>]*>/g;

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
