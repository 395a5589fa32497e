/**
 * A request body as it is handed to fetch. Every member can be sent more than once, which retries and 307/308
 * redirects need; streams are deliberately not part of it.
 */
export type RequestBody = string | Uint8Array<ArrayBuffer> | ArrayBuffer | URLSearchParams | FormData | Blob;

/**
 * Turns a request body into what fetch sends, with the Content-Type to set (`undefined`: leave it to the caller or
 * fetch, e.g. a multipart boundary). Plain values are encoded per `encoding` (`json`, or `form` by
 * {@link formEncode}); already-encoded bodies pass through; `undefined`/`null` mean no body. A `ReadableStream` is
 * refused with a `TypeError`: it could not be replayed on a retry.
 *
 * @example
 * encodeRequestBody({ email: 'a@b.co' }, 'form');
 * // { body: 'email=a%40b.co', contentType: 'application/x-www-form-urlencoded' }
 */
export function encodeRequestBody(
  body: unknown,
  encoding: 'json' | 'form',
): { body: RequestBody | undefined; contentType: string | undefined } {
  if (body === undefined || body === null) return { body: undefined, contentType: undefined };
  // The content type fetch itself would set for it.
  if (body instanceof URLSearchParams) return { body, contentType: 'application/x-www-form-urlencoded;charset=UTF-8' };
  if (body instanceof Uint8Array) {
    // fetch's BodyInit wants an ArrayBuffer-backed view; a SharedArrayBuffer-backed one is copied.
    const bytes = body.buffer instanceof ArrayBuffer ? (body as Uint8Array<ArrayBuffer>) : new Uint8Array(body);
    return { body: bytes, contentType: undefined };
  }
  if (typeof body === 'string' || body instanceof ArrayBuffer || body instanceof FormData || body instanceof Blob) {
    return { body, contentType: undefined };
  }
  if (body instanceof ReadableStream) {
    throw new TypeError('a stream body cannot be resent on a retry');
  }
  if (encoding === 'form') return { body: formEncode(body), contentType: 'application/x-www-form-urlencoded' };
  const json = JSON.stringify(body);
  // JSON.stringify gives undefined for a bare function or symbol: there is nothing to send.
  return { body: json, contentType: json === undefined ? undefined : 'application/json' };
}

/**
 * Encodes an object as `application/x-www-form-urlencoded` with nested keys, as stripe-node's
 * `queryStringifyRequestData` does: `a[b]=c`, arrays by index, `null` as `''` (Stripe's way to unset a field),
 * `undefined` skipped, `Date` as unix seconds, `[`/`]` left literal. Non-objects, cycles and invalid dates throw a
 * `TypeError` (a programming error, not a transport fault).
 *
 * @example
 * formEncode({ email: 'a@b.co', metadata: { plan: 'pro' }, items: [{ price: 'p_1' }] });
 * // 'email=a%40b.co&metadata[plan]=pro&items[0][price]=p_1'
 */
export function formEncode(body: unknown): string {
  if (typeof body !== 'object' || body === null) throw new TypeError('a form body must be an object');
  const pairs: string[] = [];
  const ancestors = new Set<object>();
  // `prefix` is undefined at the top level, where keys are written bare.
  const visit = (prefix: string | undefined, value: object): void => {
    if (ancestors.has(value)) throw new TypeError('circular structure');
    ancestors.add(value);
    for (const [child, item] of Object.entries(value)) {
      const key = prefix === undefined ? child : `${prefix}[${child}]`;
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
      if (item !== null && typeof item === 'object' && !(item instanceof Date)) visit(key, item);
      else pairs.push(`${encode(key)}=${encode(scalar(item))}`);
    }
    ancestors.delete(value);
  };
  visit(undefined, body);
  return pairs.join('&');
}

function scalar(value: unknown): string {
  if (value === null) return '';
  if (!(value instanceof Date)) return String(value);
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw new TypeError('invalid Date');
  return String(Math.floor(ms / 1000));
}

// RFC 3986 (spaces as %20), with brackets literal for readability as stripe-node does; servers decode both alike.
function encode(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%5B/g, '[')
    .replace(/%5D/g, ']');
}
