/** Options for {@link formEncode}. */
export interface FormEncodeOptions {
  /**
   * How arrays are written: `indices` gives `items[0][price]=x` (Stripe), `repeat` gives
   * `Event=a&Event=b` (Twilio).
   * @default 'indices'
   */
  arrays?: 'indices' | 'repeat';
}

/**
 * Encodes a plain object as `application/x-www-form-urlencoded` with nested keys, the way
 * stripe-node's `queryStringifyRequestData` does: `{a: {b: 'c'}}` -> `a[b]=c`, arrays by index,
 * booleans as `true`/`false`, `null` as an empty string (Stripe's way to unset a field),
 * `undefined` skipped, `Date` as unix seconds. Keys and values are percent-encoded
 * (RFC 3986, spaces as `%20`), except `[` and `]`, left literal as stripe-node does for
 * readability; servers decode both spellings alike.
 *
 * `null`/`undefined` encode to an empty string; other non-objects, circular structures and
 * invalid dates throw a `TypeError` (a programming error, not a transport fault).
 *
 * @example
 * formEncode({ email: 'a@b.co', metadata: { plan: 'pro' }, items: [{ price: 'p_1' }] });
 * // 'email=a%40b.co&metadata[plan]=pro&items[0][price]=p_1'
 */
export function formEncode(body: unknown, options: FormEncodeOptions = {}): string {
  if (body === undefined || body === null) return '';
  if (typeof body !== 'object') throw new TypeError('formEncode: body must be an object');
  const repeat = options.arrays === 'repeat';
  const pairs: string[] = [];
  const ancestors = new Set<object>();

  const visit = (key: string, value: unknown): void => {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return;
    if (value === null || typeof value !== 'object' || value instanceof Date) {
      pairs.push(`${encode(key)}=${encode(scalar(value))}`);
    } else {
      visitChildren(key, value);
    }
  };
  // `prefix` is undefined at the top level, where keys are written bare.
  const visitChildren = (prefix: string | undefined, value: object): void => {
    if (ancestors.has(value)) throw new TypeError('formEncode: circular structure');
    ancestors.add(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        visit(prefix === undefined ? String(i) : repeat ? prefix : `${prefix}[${i}]`, value[i]);
      }
    } else {
      for (const child of Object.keys(value)) {
        visit(prefix === undefined ? child : `${prefix}[${child}]`, (value as Record<string, unknown>)[child]);
      }
    }
    ancestors.delete(value);
  };

  visitChildren(undefined, body);
  return pairs.join('&');
}

function scalar(value: unknown): string {
  if (value === null) return '';
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new TypeError('formEncode: invalid Date');
    return String(Math.floor(ms / 1000));
  }
  return String(value);
}

function encode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']');
}
