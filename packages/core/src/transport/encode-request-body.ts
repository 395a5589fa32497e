import { formEncode } from './form-encode';

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
