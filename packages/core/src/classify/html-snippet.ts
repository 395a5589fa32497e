// Hand-written scanning instead of regexes over the markup: every search moves forward, so the
// cost stays linear on hostile pages (thousands of unclosed `<script` tags would make a lazy
// `<script[\s\S]*?</script>` regex quadratic).

/** Longest snippet, in characters. */
export const MAX_SNIPPET_CHARS = 200;
/** Only the start of a page is read: titles and headings come first, and the cost stays bounded. */
const MAX_SCAN_CHARS = 64 * 1024;
/** Raw text gathered from the body before whitespace is collapsed; plenty for a 200-char snippet. */
const BODY_TEXT_BUDGET = 4096;

/** Elements whose content is never visible text. */
const HIDDEN_ELEMENTS = ['script', 'style', 'noscript', 'template', 'svg'] as const;
const HIDDEN_CLOSERS = HIDDEN_ELEMENTS.map((name) => `/${name}`);

const SPACES = /[\s\u0000-\u001f\u007f-\u009f]+/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
const NAMED_ENTITIES: Readonly<Record<string, string>> = Object.freeze({
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
});

/**
 * A short, readable summary of an HTML page for error messages: the `<title>` and the first
 * heading (`<h1>`..`<h6>`), or else the start of the visible text. Tags, comments, scripts and
 * styles are removed, common entities decoded, whitespace and control characters collapsed.
 *
 * @returns at most {@link MAX_SNIPPET_CHARS} characters; empty when the page has no text.
 * @example
 * htmlSnippet('<html><title>502 Bad Gateway</title><h1>502 Bad Gateway</h1></html>'); // '502 Bad Gateway'
 */
export function htmlSnippet(html: string): string {
  return clip(htmlText(html), MAX_SNIPPET_CHARS);
}

/**
 * The readable text {@link htmlSnippet} summarizes, not yet cut (at most a few KB): callers redact it
 * first, then {@link clip} it, so that no cut keeps a piece of a secret.
 */
export function htmlText(html: string): string {
  const end = Math.min(html.length, MAX_SCAN_CHARS);
  const title = elementText(html, 'title', '/title', end);
  const heading = firstHeadingText(html, end);
  let snippet: string;
  if (title.length > 0 && heading.length > 0) {
    const t = title.toLowerCase();
    const h = heading.toLowerCase();
    snippet = t.includes(h) ? title : h.includes(t) ? heading : `${title} - ${heading}`;
  } else if (title.length > 0 || heading.length > 0) {
    snippet = title.length > 0 ? title : heading;
  } else {
    const body = findTag(html, 'body', 0, end);
    const start = body < 0 ? 0 : tagEnd(html, body, end);
    snippet = clean(visibleText(html, start, end, BODY_TEXT_BUDGET));
  }
  return snippet;
}

function elementText(html: string, name: string, closer: string, end: number): string {
  const open = findTag(html, name, 0, end);
  if (open < 0) return '';
  const start = tagEnd(html, open, end);
  const close = findTag(html, closer, start, end);
  return clean(visibleText(html, start, close < 0 ? end : close, BODY_TEXT_BUDGET));
}

function firstHeadingText(html: string, end: number): string {
  let i = html.indexOf('<', 0);
  while (i >= 0 && i + 2 < end) {
    const h = html.charCodeAt(i + 1) | 0x20;
    const level = html.charCodeAt(i + 2);
    if (h === 104 /* h */ && level >= 49 && level <= 54 && !isNameChar(html.charCodeAt(i + 3))) {
      const start = tagEnd(html, i, end);
      const close = findTag(html, `/h${html[i + 2]}`, start, end);
      const text = clean(visibleText(html, start, close < 0 ? end : close, BODY_TEXT_BUDGET));
      // Without a closer the search above already ran to the end: searching on would be quadratic.
      if (text.length > 0 || close < 0) return text;
      i = close;
    }
    i = html.indexOf('<', i + 1);
  }
  return '';
}

/** Text outside tags between `from` and `to`, with hidden elements and comments skipped. */
function visibleText(html: string, from: number, to: number, budget: number): string {
  let out = '';
  let i = from;
  // Text on both sides of a tag is separated by a space; a lone `<` (as in `a < b`) is text itself.
  let glued = false;
  while (i < to && out.length < budget) {
    const lt = html.indexOf('<', i);
    const stop = lt < 0 || lt >= to ? to : lt;
    if (stop > i) out += glued ? html.slice(i, stop) : ` ${html.slice(i, stop)}`;
    if (stop === to) break;
    glued = !isTagStart(html.charCodeAt(lt + 1));
    if (glued) {
      out += '<';
      i = lt + 1;
      continue;
    }
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 || close >= to ? to : close + 3;
      continue;
    }
    const gt = html.indexOf('>', lt + 1);
    // An unterminated tag: the rest is markup, not text.
    if (gt < 0 || gt >= to) break;
    i = gt + 1;
    for (let k = 0; k < HIDDEN_ELEMENTS.length; k++) {
      const name = HIDDEN_ELEMENTS[k] as string;
      if (matchesAt(html, lt + 1, name) && !isNameChar(html.charCodeAt(lt + 1 + name.length))) {
        const close = findTag(html, HIDDEN_CLOSERS[k] as string, i, to);
        i = close < 0 ? to : tagEnd(html, close, to);
        break;
      }
    }
  }
  return out;
}

/** Index of the next `<name` (ASCII case-insensitive, then a non-name character) in [from, to), or -1. */
function findTag(html: string, name: string, from: number, to: number): number {
  let i = html.indexOf('<', from);
  while (i >= 0 && i < to) {
    if (matchesAt(html, i + 1, name) && !isNameChar(html.charCodeAt(i + 1 + name.length))) return i;
    i = html.indexOf('<', i + 1);
  }
  return -1;
}

/** Index just past the `>` closing the tag that starts at `lt`, or `end` when it never closes. */
function tagEnd(html: string, lt: number, end: number): number {
  const gt = html.indexOf('>', lt);
  return gt < 0 || gt >= end ? end : gt + 1;
}

/** Does `html` hold `lowerName` at `at`, comparing ASCII letters case-insensitively? */
function matchesAt(html: string, at: number, lowerName: string): boolean {
  for (let j = 0; j < lowerName.length; j++) {
    let c = html.charCodeAt(at + j);
    if (c >= 65 && c <= 90) c |= 0x20;
    if (c !== lowerName.charCodeAt(j)) return false;
  }
  return true;
}

function isTagStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 /* / */ || c === 33 /* ! */ || c === 63; /* ? */
}

function isNameChar(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 /* - */ || c === 58; /* : */
}

function clean(text: string): string {
  if (text.length === 0) return text;
  const collapsed = text.replace(SPACES, ' ');
  const decoded = collapsed.includes('&') ? collapsed.replace(ENTITY, decodeEntity).replace(SPACES, ' ') : collapsed;
  return decoded.trim();
}

function decodeEntity(_match: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? '';
  const code = decimal !== undefined ? Number(decimal) : Number.parseInt(hex ?? '', 16);
  const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
  return valid ? String.fromCodePoint(code) : '\ufffd';
}

/** `text` cut to at most `max` characters, ending in `…` when cut, never inside a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  // Never split a surrogate pair: half an emoji is invalid text.
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}
