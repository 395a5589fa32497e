// Hand-written scanning, not regexes over the markup: every search moves forward, so thousands of unclosed
// `<script` tags cost linear time (a lazy `<script[\s\S]*?</script>` regex would be quadratic).

/** Longest snippet, in characters. */
export const MAX_SNIPPET_CHARS = 200;
/** Only the start of a page is read: titles and headings come first, and the cost stays bounded. */
const MAX_SCAN_CHARS = 64 * 1024;
/** Raw text gathered per part (title, heading, body) before whitespace is collapsed; plenty for 200 chars. */
const TEXT_BUDGET = 4096;

/** Elements whose content is never visible text. */
const HIDDEN_ELEMENTS: readonly string[] = ['script', 'style', 'noscript', 'template', 'svg'];
/**
 * Phrasing elements, which a browser renders inside the surrounding text without a break: `Err<b>or</b>` reads
 * `Error`. Text around them is joined, not spaced, so a token a page wraps in `<wbr>`, `<span>` or `<b>` stays one
 * word, which the redactor then recognizes.
 */
const INLINE_ELEMENTS: ReadonlySet<string> = new Set(
  'a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span strike strong sub sup time tt u var wbr'.split(
    ' ',
  ),
);
/** What follows `<` in a tag (in the lower-cased page): a letter, `/`, `!` or `?`. */
const TAG_START = /[a-z/!?]/;
const TAG_NAME = /^\/?[a-z][a-z0-9:-]*/;
const HEADING = /^h[1-6]$/;

const SPACES = /[\s\u0000-\u001f\u007f-\u009f]+/g;
const ENTITY = /&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|(amp|lt|gt|quot|apos|nbsp));/gi;
// Only names ENTITY matches are looked up, so no prototype key can be read.
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/**
 * A short summary of an HTML page for error messages: the `<title>` and first heading, or else the start of the
 * visible text; markup, scripts and styles removed, common entities decoded, whitespace collapsed.
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
export function htmlText(page: string): string {
  const html = page.slice(0, MAX_SCAN_CHARS);
  // ASCII-only lower-casing keeps every index of `lower` valid in `html` (`'İ'.toLowerCase()` is 2 chars).
  const lower = html.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
  // One forward pass, gathering the title, the first heading with text and the body's text at once.
  let title: string | undefined;
  let inTitle = false;
  let heading = '';
  let level = '';
  let headingDone = false;
  let body = '';
  let inBody = !/<body[\s/>]/.test(lower);
  let glued = false;
  let i = 0;
  const add = (text: string): void => {
    if (inTitle && (title as string).length < TEXT_BUDGET) title += text;
    if (level !== '' && !headingDone && heading.length < TEXT_BUDGET) heading += text;
    if (inBody && body.length < TEXT_BUDGET) body += text;
  };
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    const stop = lt < 0 ? html.length : lt;
    // Text on both sides of a tag is separated by a space; a lone `<` (as in `a < b`) is text itself.
    if (stop > i) add(glued ? html.slice(i, stop) : ` ${html.slice(i, stop)}`);
    if (lt < 0) break;
    glued = !TAG_START.test(lower.charAt(lt + 1));
    if (glued) {
      add('<');
      i = lt + 1;
      continue;
    }
    if (lower.startsWith('<!--', lt)) {
      const close = lower.indexOf('-->', lt + 4);
      i = close < 0 ? html.length : close + 3;
      // A comment renders as nothing: the text on both sides is one.
      glued = true;
      continue;
    }
    const gt = html.indexOf('>', lt);
    // An unterminated tag: the rest is markup, not text.
    if (gt < 0) break;
    i = gt + 1;
    const name = TAG_NAME.exec(lower.slice(lt + 1, lt + 12))?.[0] ?? '';
    glued = INLINE_ELEMENTS.has(name.replace('/', ''));
    if (HIDDEN_ELEMENTS.includes(name)) {
      const close = lower.indexOf(`</${name}`, i);
      const end = close < 0 ? -1 : lower.indexOf('>', close);
      i = end < 0 ? html.length : end + 1;
    } else if (name === 'title' && title === undefined) {
      title = '';
      inTitle = true;
    } else if (name === '/title') inTitle = false;
    else if (name === 'body') inBody = true;
    else if (level === '' && !headingDone && HEADING.test(name)) level = name;
    else if (level !== '' && name === `/${level}`) {
      // An empty heading does not count: the next one is tried.
      headingDone = clean(heading) !== '';
      if (!headingDone) level = heading = '';
    }
  }
  const t = clean(title ?? '');
  const h = clean(heading);
  if (t === '' || h === '') return t || h || clean(body);
  // A title and a heading that say the same once: `502 Bad Gateway`; else both.
  const tLower = t.toLowerCase();
  const hLower = h.toLowerCase();
  return tLower.includes(hLower) ? t : hLower.includes(tLower) ? h : `${t} - ${h}`;
}

/** Whitespace collapsed (again after decoding: `&nbsp;` is a space), entities decoded, trimmed. */
function clean(text: string): string {
  return text.replace(SPACES, ' ').replace(ENTITY, decodeEntity).replace(SPACES, ' ').trim();
}

function decodeEntity(_match: string, decimal?: string, hex?: string, name?: string): string {
  if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? '';
  const code = Number.parseInt(decimal ?? hex ?? '', decimal === undefined ? 16 : 10);
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
