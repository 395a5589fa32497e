/** One link of an RFC 8288 `Link` header. */
interface LinkValue {
  /** The URI reference between `<` and `>`, as sent (resolve it against the request URL). */
  readonly target: string;
  /** Relation types, lower-cased (`rel="next last"` gives `['next', 'last']`). */
  readonly rel: readonly string[];
  /** Every parameter by lower-cased name, unquoted; the first occurrence wins (RFC 8288 §3). */
  readonly params: Readonly<Record<string, string>>;
}

/** Counts the characters a parse visits; only the bounded-work test reads it. */
export interface ParseMeter {
  steps: number;
}

const SPACE = ' \t';
// Characters that end a token (RFC 9110 §5.6.2 delimiters that matter inside a Link header).
const TOKEN_END = ' \t;,="<>';

/**
 * Parses an RFC 8288 `Link` header in one pass (quoted parameters with escapes, several `rel` types, commas inside
 * `<...>` and quotes); a malformed link is skipped to the next top-level comma. No regular expression: a hostile
 * header costs time linear in its length (the regex it replaces took seconds on 100 KB).
 *
 * @example
 * parseLinkHeader('<https://api.x.com/i?page=2>; rel="next", <https://api.x.com/i?page=9>; rel=last');
 * // [{ target: 'https://api.x.com/i?page=2', rel: ['next'], params: { rel: 'next' } }, { target: '...page=9', rel: ['last'], ... }]
 */
export function parseLinkHeader(header: string, meter?: ParseMeter): LinkValue[] {
  const links: LinkValue[] = [];
  const n = header.length;
  let i = 0;
  let steps = 0;

  const skipSpace = (): void => {
    while (i < n && SPACE.includes(header[i] as string)) {
      i++;
      steps++;
    }
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && !TOKEN_END.includes(header[i] as string)) {
      i++;
      steps++;
    }
    return header.slice(start, i);
  };
  // At an opening quote; returns the unescaped content and stops after the closing quote (or at the end).
  const readQuoted = (): string => {
    i++;
    let out = '';
    let start = i;
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) {
        out += header.slice(start, i);
        start = i + 1;
        i++;
        steps++;
      }
      i++;
      steps++;
    }
    out += header.slice(start, i);
    if (i < n) i++;
    return out;
  };
  // Skips the rest of a malformed link, stepping over quoted strings so a quoted comma does not end it.
  const skipToComma = (): void => {
    while (i < n && header[i] !== ',') {
      if (header[i] === '"') readQuoted();
      else {
        i++;
        steps++;
      }
    }
  };

  while (i < n) {
    steps++;
    const c = header[i];
    if (c === ',' || SPACE.includes(c as string)) {
      i++;
      continue;
    }
    if (c !== '<') {
      skipToComma();
      continue;
    }
    const start = ++i;
    while (i < n && header[i] !== '>') {
      i++;
      steps++;
    }
    // An unterminated `<`: the rest of the header is inside it, nothing after can be a link.
    if (i >= n) break;
    const target = header.slice(start, i).trim();
    i++;
    const params: Record<string, string> = {};
    for (;;) {
      steps++;
      skipSpace();
      if (i >= n || header[i] === ',') break;
      if (header[i] !== ';') {
        skipToComma();
        break;
      }
      i++;
      skipSpace();
      const name = readToken().toLowerCase();
      skipSpace();
      let value = '';
      if (header[i] === '=') {
        i++;
        skipSpace();
        value = header[i] === '"' ? readQuoted() : readToken();
      }
      if (name !== '' && !Object.hasOwn(params, name)) params[name] = value;
    }
    const rel = (params.rel ?? '')
      .toLowerCase()
      .split(/[ \t]+/)
      .filter((type) => type !== '');
    links.push({ target, rel, params });
  }
  if (meter !== undefined) meter.steps += steps;
  return links;
}

/** The `rel="next"` target of a `Link` header, undefined when there is none. */
export function nextLink(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  return parseLinkHeader(header).find((link) => link.rel.includes('next'))?.target;
}
