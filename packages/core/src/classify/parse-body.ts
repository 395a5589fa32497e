/** A response body as classification sees it. */
type ParsedBody =
  | { readonly type: 'json'; readonly value: unknown }
  | { readonly type: 'html'; readonly text: string }
  | { readonly type: 'text'; readonly text: string }
  /** Bytes that are not text (an image, an archive): never decoded, only summarized. */
  | { readonly type: 'binary'; readonly bytes: Uint8Array; readonly contentType: string }
  | { readonly type: 'empty' };

/** Result of {@link safeJsonParse}. */
type SafeJsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

/**
 * Deepest nesting {@link safeJsonParse} accepts: real errors nest a handful of levels; thousands are an attack on
 * whatever walks the value next (redaction, `JSON.stringify`, a logger).
 */
export const MAX_JSON_DEPTH = 1000;

const FAILED: SafeJsonResult = Object.freeze({ ok: false });
const EMPTY: ParsedBody = Object.freeze({ type: 'empty' });
// Not fatal: a provider's broken UTF-8 must become replacement characters, never an exception.
const decoder = new TextDecoder('utf-8');
/** How far into a body HTML markers are looked for. */
const HTML_SNIFF_CHARS = 1024;
const HTML_MARKERS = ['<!doctype html', '<html', '<head', '<body', '<title'] as const;

/**
 * `JSON.parse` that never throws and never lets a body reach a prototype: own `__proto__`, `constructor` and
 * `prototype` keys (which `Object.assign` or a deep merge would later turn into prototype pollution) are removed at
 * every depth, and documents nested deeper than {@link MAX_JSON_DEPTH} are refused.
 *
 * @example
 * safeJsonParse('{"a":1}'); // { ok: true, value: { a: 1 } }
 * safeJsonParse('{"a":');   // { ok: false }
 */
export function safeJsonParse(text: string): SafeJsonResult {
  // Nesting deeper than the limit needs more than twice as many characters, so typical bodies skip the scan.
  if (text.length > 2 * MAX_JSON_DEPTH && nestsDeeperThan(text, MAX_JSON_DEPTH)) return FAILED;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return FAILED;
  }
  // Walked only when a risky key can be present: literally (`proto` covers `prototype`) or spelled with escapes.
  if (
    typeof value === 'object' &&
    value !== null &&
    (text.includes('proto') || text.includes('constructor') || text.indexOf('\\') >= 0)
  ) {
    stripRiskyKeys(value);
  }
  return { ok: true, value };
}

/**
 * Decides what a response body is, never throwing:
 * - bytes are binary when their content type is not text (see `isTextType`), or, with none, when a NUL byte shows in
 *   their first kilobyte; binary bytes are never decoded (unless they open like JSON and parse as JSON);
 * - an already parsed value (object, array, number, boolean, null) is JSON as-is;
 * - strings and bytes (decoded as UTF-8, invalid sequences replaced) are JSON when declared JSON or opening with `{`
 *   or `[`, and they parse;
 * - else HTML when declared `text/html` / `application/xhtml+xml`, or opening with `<` and an HTML marker near the start;
 * - else text; `undefined` and blank bodies are empty.
 *
 * @example
 * sniffBody('{"error":"x"}', 'text/plain');             // { type: 'json', value: { error: 'x' } }
 * sniffBody('<html><title>Bad</title></html>', undefined); // { type: 'html', text: '<html>...' }
 */
export function sniffBody(raw: unknown, contentType: string | undefined): ParsedBody {
  const essence = mediaType(contentType);
  const bytes = raw instanceof Uint8Array && raw.byteLength > 0 ? raw : undefined;
  if (
    bytes &&
    (essence === '' ? bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0) : !isTextType(essence, contentType))
  ) {
    // A JSON error body under a wrong type (FAULTS 17: `application/octet-stream`) is still read as JSON.
    const parsed = startsLikeJson(bytes) ? safeJsonParse(decoder.decode(bytes)) : FAILED;
    return parsed.ok ? { type: 'json', value: parsed.value } : { type: 'binary', bytes, contentType: essence };
  }
  const text = toText(raw);
  if (text === undefined) {
    if (raw === undefined || typeof raw === 'function' || typeof raw === 'symbol') return EMPTY;
    if (typeof raw === 'bigint') return { type: 'text', text: String(raw) };
    return { type: 'json', value: raw };
  }
  // Whitespace JSON allows, and a byte-order mark.
  const start = text.search(/[^ \t\n\r\ufeff]/);
  if (start < 0) return EMPTY;

  const first = text.charCodeAt(start);
  if (isJsonType(essence) || first === 123 /* { */ || first === 91 /* [ */) {
    const parsed = safeJsonParse(text);
    if (parsed.ok) return { type: 'json', value: parsed.value };
  }
  if (
    essence === 'text/html' ||
    essence === 'application/xhtml+xml' ||
    (first === 60 /* < */ && looksLikeHtml(text, start))
  ) {
    return { type: 'html', text };
  }
  return { type: 'text', text };
}

/** The body as text when it is a string or bytes; undefined for anything else. */
function toText(raw: unknown): string | undefined {
  // JSON.parse rejects a byte-order mark that a string body may still carry (the decoder drops one itself).
  if (typeof raw === 'string') return raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!ArrayBuffer.isView(raw) && !(raw instanceof ArrayBuffer)) return undefined;
  try {
    return decoder.decode(raw);
  } catch {
    // A view over a SharedArrayBuffer, or a detached buffer: nothing readable.
    return '';
  }
}

/** `Application/JSON; charset=utf-8` -> `application/json`. */
export function mediaType(contentType: string | undefined): string {
  if (contentType === undefined) return '';
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

/** Whether a media type (its essence) is JSON: `application/json`, `text/json` or any `+json`. */
export function isJsonType(essence: string): boolean {
  return essence === 'application/json' || essence === 'text/json' || essence.endsWith('+json');
}

/** `application/` types that are text although their name does not say so. */
const TEXTUAL_APPLICATION_TYPE =
  /^application\/(xml|javascript|ecmascript|x-www-form-urlencoded|graphql|ya?ml|x-yaml|x-ndjson|sql)$/;
/** How far into bytes without a content type a NUL byte is looked for (as `file` and git do). */
const BINARY_SNIFF_BYTES = 1024;

/**
 * Whether a declared type is text: `text/*`, JSON, XML, a few textual `application/` types, or any type with a
 * `charset` (the rule Octokit applies to GitHub's `application/vnd.github.raw; charset=utf-8`).
 */
function isTextType(essence: string, contentType: string | undefined): boolean {
  return (
    essence.startsWith('text/') ||
    isJsonType(essence) ||
    essence.endsWith('+xml') ||
    TEXTUAL_APPLICATION_TYPE.test(essence) ||
    /;\s*charset=/i.test(contentType as string)
  );
}

/** Whether a declared content type says its body is text meant to be read (not HTML, which a 2xx gets wrong). */
export function isDeclaredText(contentType: string | undefined): boolean {
  const essence = mediaType(contentType);
  // JSON that failed to parse is a broken response, not text.
  return (
    essence !== '' &&
    essence !== 'text/html' &&
    essence !== 'application/xhtml+xml' &&
    !isJsonType(essence) &&
    isTextType(essence, contentType)
  );
}

function looksLikeHtml(text: string, start: number): boolean {
  const head = text.slice(start, start + HTML_SNIFF_CHARS).toLowerCase();
  return HTML_MARKERS.some((marker) => head.includes(marker));
}

/** Whether bytes open with `{` or `[` after whitespace: the only JSON worth trying on a body typed binary. */
function startsLikeJson(bytes: Uint8Array): boolean {
  for (const b of bytes) {
    if (b === 123 || b === 91) return true;
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return false;
  }
  return false;
}

/** Does bracket nesting outside strings go deeper than `max`? A linear scan, no parse. */
function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > max) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
    }
  }
  return false;
}

const RISKY_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

// Iterative so that depth cannot overflow the stack, whatever the limit above becomes.
function stripRiskyKeys(root: object): void {
  const stack: object[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as Record<string, unknown>;
    if (Array.isArray(node)) {
      for (const item of node) {
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
      continue;
    }
    for (const key of RISKY_KEYS) {
      if (Object.hasOwn(node, key)) Reflect.deleteProperty(node, key);
    }
    for (const key in node) {
      const child = node[key];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
}
