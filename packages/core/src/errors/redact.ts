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

// A whole dash/underscore word (`X-Tokens-Remaining` is a count); the nouns also end a glued word (`X-ApiKey`), but
// not `auth`, which would take in `X-OAuth-Scopes`.
const SECRET_WORD =
  /(?:(?:^|[-_])(?:auth|authorization|session|cookie|credentials?)|key|token|secret|passw(?:or)?d|signature)(?:$|[-_])/;

/** Whether a (lower-cased) header name says its value is a credential. */
export function isSecretHeaderName(name: string): boolean {
  // An idempotency key is an id the caller chose, not a credential.
  return SECRET_WORD.test(name) && !name.includes('idempotency');
}

// A query name ending in a credential word names one (`X-Amz-Signature`, `X-Amz-Security-Token`, `oauth_token`,
// `hapikey`, `jsessionid`), but not a page cursor (`pageToken`, `next_token`, OData's `$skiptoken` and `$deltatoken`
// that Microsoft Graph pages with) nor what describes one (`token_type`).
const SECRET_PARAM_WORD =
  /(?:key|token|secret|passw(?:or)?d|signature|credentials?|authorization|session_?id|jwt|assertion)$/;
const CURSOR = /(?:page|next|pagination|continuation|sync|skip|delta)[-_]?token$/;
// A body member's or free text's name ending in a credential word. Narrower than a query name's: a body names its
// fields (`projectKey`, `idempotency_key`, `session_id`, Stripe's `authorization` object), which are no credentials.
const BODY_SECRET_WORD =
  /(?:token|secret|passw(?:or)?d|signature|credentials?|jwt|assertion|(?:api|secret|private|access|signing|client)[-_]?key)$/;

/** Registers a header's credential in every part a provider may echo (see `credentialParts`). */
export function addCredential(value: string, redactor: Redactor, name = ''): void {
  credentialParts(value, name, redactor.addSecret);
}

/**
 * A header's credential with and without its scheme word, and the credentials inside it (see `headerSecrets`);
 * `Basic` also its user name and password.
 */
function credentialParts(value: string, name: string, keep: (secret: string) => unknown): void {
  keep(value);
  const bare = value.replace(/^\S+\s+/, '');
  keep(bare);
  headerSecrets(name, value, keep);
  if (!/^basic\s/i.test(value)) return;
  // `user:pass`, split at the first colon only: a password may hold one.
  for (const part of Buffer.from(bare, 'base64').toString().split(/:(.*)/s)) keep(part);
}

// A header value's `name=value` pairs, as a cookie list or an auth scheme's parameters write them (quotes dropped).
const HEADER_PAIR = /(?:^|[\s;,])([\w.-]+)="?([^;,"\s]*)/g;
// A `Set-Cookie` attribute's value is no credential (and a `Domain=` one would blank the host out of every URL).
const COOKIE_ATTRIBUTE = /^(?:path|domain|expires|max-age|samesite|priority)$/;

/**
 * Each credential inside a header value, echoed alone by providers: every cookie of a `Cookie` or `Set-Cookie`, and
 * an auth scheme's secret-named parameters (SigV4's `Credential=` and `Signature=`, OAuth 1.0's `oauth_token=`), not
 * its others (Digest's `uri=` is the path).
 */
function headerSecrets(name: string, value: string, keep: (secret: string) => unknown): void {
  const cookie = name.endsWith('cookie');
  for (const [, key, secret] of value.matchAll(HEADER_PAIR)) {
    const lower = (key as string).toLowerCase();
    if (cookie ? COOKIE_ATTRIBUTE.test(lower) : !SECRET_PARAM_WORD.test(lower)) continue;
    keep(secret as string);
    // SigV4's credential scope follows the access key id: `AKIA…/20261127/us-east-1/s3/aws4_request`.
    if (!cookie) keep((secret as string).replace(/\/.*/s, ''));
  }
}

/** What a {@link Redactor} hides beyond the built-in names: header and parameter names (any case), secret values. */
interface RedactionRules {
  readonly headers?: readonly string[];
  readonly params?: readonly string[];
  readonly secrets?: readonly string[];
}

/** Longest body text kept on an error, in characters. */
export const MAX_KEPT_BODY_CHARS = 8 * 1024;
const MAX_DEPTH = 32;
const TRUNCATED = '…[truncated]';
const MIN_SECRET_LENGTH = 4;
// Protocol words a secret-looking name carries (`?auth=true`, `X-Token-Type: Bearer`, Jira's `X-Atlassian-Token:
// no-check`): as needles they would blank the word out of every message; no credential is one of them.
const NOT_SECRETS = /^(?:true|false|null|none|undefined|bearer|basic|token|digest|no-?check)$/i;
// Unpinned secrets remembered: months of refreshed tokens must not grow the list (and every scrub's cost) without end.
const MAX_SECRETS = 64;
/** Names whose verdict (secret or not) a redactor remembers. */
const MAX_VERDICTS = 512;

/**
 * The one place that decides what is secret: errors, events and logs all go through it. Secrets are matched in every
 * spelling they travel in (see `secretForms`), in any letter case but for short words of letters.
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
  /** Whether a header (lower-case name) carries a credential: one the adapter declares, or a secret-looking name. */
  isSecretHeader(name: string): boolean;
  /**
   * Whether a body key or a `name=value` name of free text names a credential: a secret param, or a name ending in a
   * credential word (not a page cursor nor a field such as `projectKey`), but not `code`.
   */
  isSecretKey(name: string): boolean;
  /**
   * The credentials a response brings (a secret-named member of a parsed body, a `Location` URL's user info or
   * secret query value), to register before any of its text is scrubbed: an echo read before them would keep them.
   */
  carried(headers: HeaderMap, body: unknown): string[];
  /** Registers a secret value seen at run time (a refreshed token). */
  addSecret(value: string): void;
  /** Keeps every secret registered so far for good (a client's own credentials), past the bounded memory of others. */
  pinSecrets(): void;
  /** Scrubs every known secret value out of `text`. */
  text(text: string): string;
  /** A copy of `headers` with secret headers replaced and secret values scrubbed. */
  headers(headers: HeaderMap): Record<string, string>;
  /** `url` (or a relative one) without userinfo and secret query values, which are registered as secrets too. */
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
  // Secrets least recently seen first, after the `pinned` ones (configuration: never moved nor forgotten). Needles: their
  // forms, longest first so an encoded form is not half-replaced by a shorter raw one, each with whether it is caseless.
  const secrets: string[] = [];
  let pinned = 0;
  let needles: [form: string, caseless: boolean][] | undefined = [];

  const addSecret = (value: string): void => {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH || value === REDACTED) return;
    if (NOT_SECRETS.test(value)) return;
    // A token from a file often ends in a newline, which `Headers` trims off: a provider echoes the trimmed value.
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
    // Built when next needed: an error body may bring thousands of secrets, each rebuild costing every secret's forms.
    needles = undefined;
  };
  const needed = (): [form: string, caseless: boolean][] =>
    (needles ??= [
      ...new Map(secrets.flatMap(secretForms).map((f) => (CASED.test(f) ? [f, false] : [fold(f), true]))),
    ].sort((a, b) => b[0].length - a[0].length));
  const pinSecrets = (): void => {
    pinned = secrets.length;
  };
  for (const s of rules.secrets ?? []) addSecret(s);
  pinSecrets();

  const text = (input: string): string => {
    if (secrets.length === 0 || input.length === 0) return input;
    const out = scrub(input);
    // One character of a secret spelled as an escape (`Zq\u005fLive`, `Zq&#95;Live`, `Zq%5FLive`) hides it from every
    // needle: the text is then kept unescaped, as `unsplit` keeps markup.
    const bare = out.replace(ESCAPE, (c, json?: string, percent?: string, html?: string) =>
      json === undefined && percent === undefined && html === undefined
        ? unhide(c)
        : String.fromCodePoint(Number(html === undefined ? `0x${json ?? percent}` : `0${html}`)),
    );
    const scrubbed = bare === out ? out : scrub(bare);
    return scrubbed === bare ? out : scrubbed;
  };
  const scrub = (input: string): string => {
    let out = input;
    // Searched for caseless forms; edited with `out`, so an index in one is one in the other.
    let lower = fold(input);
    for (const [needle, caseless] of needed()) {
      // Built piece by piece: replacing each echo in place copies the whole text per echo (quadratic on a body of them).
      let [nextOut, nextLower, from] = ['', '', 0];
      for (
        let at = (caseless ? lower : out).indexOf(needle);
        at >= 0;
        at = (caseless ? lower : out).indexOf(needle, from)
      ) {
        nextOut += out.slice(from, at) + REDACTED;
        nextLower += lower.slice(from, at) + REDACTED;
        from = at + needle.length;
      }
      if (from === 0) continue;
      out = nextOut + out.slice(from);
      lower = nextLower + lower.slice(from);
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

  // In a URL, OAuth's `code` is a credential (RFC 6749 4.1.2).
  const isSecretParam = (lower: string): boolean =>
    secretParams.has(lower) || lower === 'code' || (SECRET_PARAM_WORD.test(lower) && !CURSOR.test(lower));

  // Verdicts by name: bodies repeat a few names, and a lower-cased copy and two regexes cost more than a lookup (this
  // runs for every string member of every error body). Bounded, so a body of random names cannot grow it.
  const verdicts = new Map<string, boolean>();
  // The parameter names but `code` (a credential in a request only, RFC 6749 4.1.3; in an answer, the error code), and
  // names ending in a credential word (`api_token`, `secretKey`, `new_password`; not a page cursor).
  const isSecretKey = (name: string): boolean => {
    let secret = verdicts.get(name);
    if (secret === undefined) {
      const lower = name.toLowerCase();
      secret = secretParams.has(lower) ? lower !== 'code' : BODY_SECRET_WORD.test(lower) && !CURSOR.test(lower);
      if (verdicts.size < MAX_VERDICTS) verdicts.set(name, secret);
    }
    return secret;
  };

  // Secret-named `name=value` pairs of a query, a fragment (OAuth's `#access_token=`) or a `;` list: replaced, and
  // their decoded value remembered so an echo elsewhere is scrubbed too.
  const pairs = (input: string, keep: (value: string) => unknown = addSecret): string =>
    input.replace(/([?&;#])([^=&#?;\s]+)=([^&#\s]*)/g, (pair, sep: string, name: string, value: string) => {
      if (!isSecretParam(decodeParam(name).toLowerCase())) return pair;
      keep(decodeParam(value));
      return `${sep}${name}=${REDACTED}`;
    });

  // A redirect's URL (`Location`, `Content-Location`, `Refresh: 0; url=...`) without its user info, remembered too.
  const redirectUrl = (value: string, keep: (value: string) => unknown = addSecret): string =>
    pairs(
      value.replace(/(\/\/)([^/?#\s@]*)@/g, (_m, slashes: string, info: string) => {
        for (const part of info.split(/:(.*)/s)) keep(decodeParam(part));
        return slashes;
      }),
      keep,
    );
  const isRedirectHeader = (name: string): boolean => name.endsWith('location') || name === 'refresh';

  const carried = (input: HeaderMap, parsed: unknown): string[] => {
    const found: string[] = [];
    const keep = (value: string): number => found.push(value);
    for (const name in input) {
      const value = input[name] as string;
      if (isRedirectHeader(name)) redirectUrl(value, keep);
      // An error's credential header (`Set-Cookie`, `X-Refresh-Token`) brings a credential its text may echo; a
      // success's text is never shown, so its headers are not read. No name regex here: this runs for every error.
      else if (parsed !== undefined && (secretHeaders.has(name) || name.endsWith('token'))) {
        credentialParts(value, name, keep);
      }
    }
    // Arrays too: their keys are indexes, never secret-named.
    const walk = (value: unknown, depth: number): void => {
      if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return;
      for (const key in value) {
        const member = (value as Record<string, unknown>)[key];
        if (typeof member !== 'string') walk(member, depth + 1);
        else if (isSecretKey(key)) keep(member);
      }
    };
    walk(parsed, 0);
    return found;
  };

  const isSecretHeader = (name: string): boolean => secretHeaders.has(name) || isSecretHeaderName(name);

  const headers = (input: HeaderMap): Record<string, string> => {
    const out: Record<string, string> = Object.create(null);
    for (const name of Object.keys(input)) {
      const value = input[name] as string;
      // Secret-looking names too: an answer may carry a credential never sent (`X-Refresh-Token`), and so may a
      // redirect's URL; not `Link`, which the paginator follows as read here. Names are provider text too.
      out[text(name)] = isSecretHeader(name) ? REDACTED : text(isRedirectHeader(name) ? redirectUrl(value) : value);
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

  // `markup` as kept, unless a known secret shows once its tags are removed (`sk_live<wbr>_123`): then its scrubbed
  // text without tags.
  const unsplit = (markup: string): string => {
    if (secrets.length === 0 || !markup.includes('<')) return markup;
    const bare = markup.replace(MARKUP, '');
    const scrubbed = text(bare);
    return scrubbed === bare ? markup : scrubbed;
  };

  return {
    secretHeaders,
    secretParams,
    isSecretHeader,
    isSecretKey,
    carried,
    addSecret,
    pinSecrets,
    text,
    headers,
    url,
    body,
  };
}

/**
 * The spellings a secret travels in: raw; percent-encoded (by `encodeURIComponent`, `URLSearchParams`, a URL
 * serializer, RFC 3986 strictly; `+` for spaces; twice); in a JSON string (JS, PHP, Go, Python escapes); in HTML; as a
 * JSON pointer token; base64 (a proxy echoing the token it decoded from a header).
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
    // Non-default JSON escapes in unparsed text: PHP writes `\/`, Go writes `<>&` as `\u003c`...
    json.replaceAll('/', '\\/'),
    unicodeEscaped(/[<>&]/g),
    // Python's json.dumps (ensure_ascii, its default) writes every non-ASCII character as `\uXXXX`.
    unicodeEscaped(/[\u0080-\uffff]/g),
    // `'` kept (PHP before 8.1), as `&#39;` (Go, lodash) and as `&#x27;` (Python, React).
    html,
    html.replaceAll("'", '&#39;'),
    html.replaceAll("'", '&#x27;'),
    // A JSON pointer's token (RFC 6901): a validation error's `pointer` or `path`.
    value.replaceAll('~', '~0').replaceAll('/', '~1'),
    // Unpadded.
    base64url,
    base64url.replaceAll('-', '+').replaceAll('_', '/'),
  ]);
  // Inside a longer blob (a JWT-like echo of a JSON body) at any byte offset: the whole 3-byte groups of the secret
  // only, as the bytes around it change the others.
  for (const offset of [0, 1, 2]) {
    const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(value)]);
    const inner = bytes
      .subarray(0, bytes.length - (bytes.length % 3))
      .toString('base64url')
      .slice(offset && 4);
    forms.add(inner).add(inner.replaceAll('-', '+').replaceAll('_', '/'));
  }
  try {
    const encoded = encodeURIComponent(value);
    // Twice: a URL quoting the credential, itself a query value (`?next=https%3A...%253D`).
    forms.add(encodeURIComponent(encoded));
    const strict = encoded.replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
    for (const form of [encoded, encoded.replaceAll("'", '%27'), strict]) {
      // Lower-case hex digits (.NET writes `%2f`) match as every form does, in any case.
      for (const spaced of [form, form.replaceAll('%20', '+')]) forms.add(spaced);
    }
  } catch {
    // encodeURIComponent throws only on lone surrogates; the other forms are still scrubbed.
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}

// A form matched in its own case only: a short word of letters (a weak password such as `Swordfish`), whose other
// cases are ordinary words. Others match in any case, as a provider may echo them (a host name, a shouted key).
const CASED = /^[a-z]{0,15}$/i;

/** `text` lower-cased with one code unit for each (an index in it is one in `text`): `toLowerCase` makes two of `İ`. */
const fold = (text: string): string => text.replaceAll('\u0130', 'i').toLowerCase();

// A character as a JSON or JavaScript escape, a percent-encoded ASCII byte (hex), or an HTML numeric reference; or one
// a reader does not see (soft hyphen, zero-width space and joiners, word joiner, byte order mark) or sees as ASCII
// (fullwidth forms), which a provider's echo may hold inside a credential.
const ESCAPE =
  /\\u([\da-f]{4})|%([0-7][\da-f])|&#(x[\da-f]{1,5}|\d{1,6});|[\u00ad\u200b-\u200d\u2060\ufeff\uff01-\uff5e]/gi;

/** A hidden character as a reader takes it: nothing, or the ASCII one of a fullwidth form. */
const unhide = (c: string): string => (c < '\uff01' ? '' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A tag or a comment, as removed from markup that splits a secret. */
const MARKUP = /<[a-zA-Z/!][^<>]*>/g;

const HTML_ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
