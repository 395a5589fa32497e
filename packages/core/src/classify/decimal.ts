// Header numbers are parsed by hand: `Number()` and `parseFloat()` accept far too much
// (`'1e400'`, `' 0x10 '`, `'Infinity'`, `'12abc'`), and a scan of a few digits is cheaper than a regex.

/** Longest numeric header value worth reading; anything longer is garbage, not a number. */
const MAX_DIGITS = 24;

/**
 * Parses a plain non-negative decimal (`"12"`, `"0.5"`, `"2.0"`) and nothing else: no sign, no
 * exponent, no surrounding text. Surrounding whitespace is allowed.
 *
 * @returns a finite number >= 0, or undefined when `text` is anything else.
 * @example
 * parseDecimal(' 2.5 '); // 2.5
 * parseDecimal('-1');    // undefined
 */
export function parseDecimal(text: string): number | undefined {
  const start = skipSpaces(text, 0);
  const end = decimalEnd(text, start);
  if (end < 0 || skipSpaces(text, end) !== text.length) return undefined;
  return toNumber(text, start, end);
}

/**
 * Parses the decimal that starts `text` (after spaces), ignoring what follows a list or parameter
 * separator: `"100, 100"` and `"100;w=60"` give 100, `"100abc"` gives undefined.
 *
 * @example
 * parseLeadingDecimal('60;w=1'); // 60
 */
export function parseLeadingDecimal(text: string): number | undefined {
  const start = skipSpaces(text, 0);
  const end = decimalEnd(text, start);
  if (end < 0) return undefined;
  const next = skipSpaces(text, end);
  if (next !== text.length) {
    const c = text.charCodeAt(next);
    if (c !== 44 /* , */ && c !== 59 /* ; */) return undefined;
  }
  return toNumber(text, start, end);
}

/**
 * Parses decimal seconds (`"2"`, `"0.5"`, `"1.0005"`) into whole milliseconds, exactly and rounded
 * up, so that a wait is never shorter than the server asked (binary floating point would turn
 * `2.3 * 1000` into 2299.9999999999995).
 *
 * @example
 * parseSecondsAsMs('0.0001'); // 1
 */
export function parseSecondsAsMs(text: string): number | undefined {
  const start = skipSpaces(text, 0);
  const end = decimalEnd(text, start);
  if (end < 0 || skipSpaces(text, end) !== text.length) return undefined;
  let ms = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) break;
    ms = ms * 10 + (c - 48);
  }
  ms *= 1000;
  let scale = 100;
  let roundUp = false;
  for (i += 1; i < end; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (scale >= 1) {
      ms += digit * scale;
      scale /= 10;
    } else if (digit !== 0) {
      roundUp = true;
    }
  }
  return roundUp ? ms + 1 : ms;
}

/** The value of the decimal at [start, end): short integers without the slice and `Number()` call. */
function toNumber(text: string, start: number, end: number): number {
  if (end - start > 15) return Number(text.slice(start, end));
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) return Number(text.slice(start, end));
    n = n * 10 + (c - 48);
  }
  return n;
}

/** Index just past `digits[.digits]` starting at `start`, or -1 when there is no such number. */
function decimalEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === start) return -1;
  if (i < text.length && text.charCodeAt(i) === 46 /* . */) {
    const fractionStart = i + 1;
    i = fractionStart;
    while (i < text.length && isDigit(text.charCodeAt(i))) i++;
    if (i === fractionStart) return -1;
  }
  return i - start > MAX_DIGITS ? -1 : i;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) break;
    i++;
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
