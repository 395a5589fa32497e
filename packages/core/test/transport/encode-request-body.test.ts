import { describe, expect, it } from 'vitest';
import { encodeRequestBody } from '../../src/transport/encode-request-body';

describe('encodeRequestBody', () => {
  it('JSON-encodes plain values', () => {
    expect(encodeRequestBody({ email: 'a@b.co', tags: ['x'] }, 'json')).toEqual({
      body: '{"email":"a@b.co","tags":["x"]}',
      contentType: 'application/json',
    });
    expect(encodeRequestBody([1, 2], 'json')).toEqual({ body: '[1,2]', contentType: 'application/json' });
    expect(encodeRequestBody(0, 'json')).toEqual({ body: '0', contentType: 'application/json' });
  });

  it('form-encodes plain values', () => {
    expect(encodeRequestBody({ email: 'a@b.co', metadata: { plan: 'pro' } }, 'form')).toEqual({
      body: 'email=a%40b.co&metadata[plan]=pro',
      contentType: 'application/x-www-form-urlencoded',
    });
  });

  it('sends no body for undefined or null', () => {
    for (const encoding of ['json', 'form'] as const) {
      expect(encodeRequestBody(undefined, encoding)).toEqual({ body: undefined, contentType: undefined });
      expect(encodeRequestBody(null, encoding)).toEqual({ body: undefined, contentType: undefined });
    }
  });

  it('passes already-encoded bodies through untouched, without a content type', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const buffer = new ArrayBuffer(2);
    const form = new FormData();
    form.set('file', new Blob(['x']), 'x.txt');
    const blob = new Blob(['{}'], { type: 'application/json' });
    for (const body of ['raw=string', bytes, buffer, form, blob]) {
      for (const encoding of ['json', 'form'] as const) {
        const encoded = encodeRequestBody(body, encoding);
        expect(encoded.body).toBe(body);
        expect(encoded.contentType).toBeUndefined();
      }
    }
  });

  it('copies a SharedArrayBuffer-backed view, which fetch does not take', () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set([7, 8, 9]);
    const encoded = encodeRequestBody(shared, 'json');
    expect(encoded.body).not.toBe(shared);
    expect(encoded.body).toEqual(new Uint8Array([7, 8, 9]));
    expect((encoded.body as Uint8Array).buffer).toBeInstanceOf(ArrayBuffer);
  });

  it('passes URLSearchParams through with the form content type fetch would set', () => {
    const params = new URLSearchParams({ a: '1' });
    expect(encodeRequestBody(params, 'json')).toEqual({
      body: params,
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
    });
  });

  it('refuses a stream body, which a retry could not resend', () => {
    expect(() => encodeRequestBody(new ReadableStream(), 'json')).toThrow(TypeError);
  });
});
