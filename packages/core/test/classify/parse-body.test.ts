import { htmlSnippet } from '../../src/classify/html-snippet';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, safeJsonParse, sniffBody } from '../../src/classify/parse-body';

describe('safeJsonParse', () => {
  it('parses valid JSON of any type', () => {
    expect(safeJsonParse('{"a":[1,"x",null,true]}')).toEqual({ ok: true, value: { a: [1, 'x', null, true] } });
    expect(safeJsonParse('"text"')).toEqual({ ok: true, value: 'text' });
    expect(safeJsonParse(' 42 ')).toEqual({ ok: true, value: 42 });
    expect(safeJsonParse('null')).toEqual({ ok: true, value: null });
  });

  it.each(['', '{', '{"a":}', 'undefined', "{'a':1}", 'NaN', '[1,]', '<html>'])('returns ok:false for %j', (text) => {
    expect(safeJsonParse(text)).toEqual({ ok: false });
  });

  describe('prototype pollution (FAULTS 18)', () => {
    it('drops __proto__ keys so that copying the value cannot set a prototype or pollute Object.prototype', () => {
      const result = safeJsonParse('{"a":1,"__proto__":{"polluted":true},"nested":{"__proto__":{"polluted":true}}}');
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const value = result.value as Record<string, Record<string, unknown>>;
      expect(Object.hasOwn(value, '__proto__')).toBe(false);
      expect(Object.hasOwn(value.nested as object, '__proto__')).toBe(false);
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
      // The copy idioms later code uses must see nothing either.
      const assigned = Object.assign({}, value) as Record<string, unknown>;
      const spread = { ...value } as Record<string, unknown>;
      expect(assigned.polluted).toBeUndefined();
      expect(spread.polluted).toBeUndefined();
      expect(Object.getPrototypeOf(assigned)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(value.a).toBe(1);
    });

    it('drops constructor and prototype keys at any depth, in arrays too', () => {
      const result = safeJsonParse('[{"constructor":{"prototype":{"polluted":true}},"keep":1},{"x":{"prototype":2}}]');
      expect(result).toEqual({ ok: true, value: [{ keep: 1 }, { x: {} }] });
      const first = (result as { value: Array<{ constructor: unknown }> }).value[0];
      // The inherited constructor is back in charge: the object is an ordinary object.
      expect(first?.constructor).toBe(Object);
    });

    it('drops keys spelled with unicode escapes', () => {
      const result = safeJsonParse('{"__pro\\u0074o__":{"polluted":true},"b":2}');
      expect(result).toEqual({ ok: true, value: { b: 2 } });
      const value = (result as { value: object }).value;
      expect(Object.hasOwn(value, '__proto__')).toBe(false);
      expect((Object.assign({}, value) as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('leaves strings that merely contain the words alone', () => {
      expect(safeJsonParse('{"message":"constructor of prototype __proto__"}')).toEqual({
        ok: true,
        value: { message: 'constructor of prototype __proto__' },
      });
    });

    it('keeps Object.prototype clean after parsing hostile bodies', () => {
      safeJsonParse('{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}');
      expect(Object.prototype).not.toHaveProperty('polluted');
    });
  });

  describe('deep nesting', () => {
    it('returns ok:false for 100,000 levels of arrays instead of throwing', () => {
      const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      expect(() => safeJsonParse(text)).not.toThrow();
      expect(safeJsonParse(text)).toEqual({ ok: false });
    });

    it('returns ok:false for 100,000 levels of objects, even truncated', () => {
      const text = '{"a":'.repeat(100_000);
      expect(safeJsonParse(text)).toEqual({ ok: false });
    });

    it(`accepts nesting up to ${MAX_JSON_DEPTH} levels`, () => {
      const ok = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
      const tooDeep = `${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`;
      expect(safeJsonParse(ok).ok).toBe(true);
      expect(safeJsonParse(tooDeep).ok).toBe(false);
    });

    it('does not count brackets inside strings', () => {
      const text = JSON.stringify({ s: '['.repeat(5000), t: '\\"[[[' });
      expect(safeJsonParse(text)).toEqual({ ok: true, value: JSON.parse(text) });
    });
  });
});

describe('sniffBody', () => {
  it('passes already-parsed JSON values through as json', () => {
    const body = { error: 'x' };
    expect(sniffBody(body, undefined)).toEqual({ type: 'json', value: body });
    expect(sniffBody([1], 'text/html')).toEqual({ type: 'json', value: [1] });
    expect(sniffBody(0, undefined)).toEqual({ type: 'json', value: 0 });
    expect(sniffBody(false, undefined)).toEqual({ type: 'json', value: false });
    expect(sniffBody(null, undefined)).toEqual({ type: 'json', value: null });
  });

  it('is empty for undefined and blank bodies', () => {
    expect(sniffBody(undefined, 'application/json')).toEqual({ type: 'empty' });
    expect(sniffBody('', 'application/json')).toEqual({ type: 'empty' });
    expect(sniffBody(' \r\n\t', undefined)).toEqual({ type: 'empty' });
    expect(sniffBody(new Uint8Array(0), undefined)).toEqual({ type: 'empty' });
    expect(sniffBody('\ufeff', undefined)).toEqual({ type: 'empty' });
  });

  it.each([
    'application/json',
    'Application/JSON; charset=utf-8',
    'application/problem+json',
    'application/vnd.api+json',
    'text/json',
  ])('parses JSON declared as %s, whatever its top-level type', (contentType) => {
    expect(sniffBody('{"a":1}', contentType)).toEqual({ type: 'json', value: { a: 1 } });
    expect(sniffBody('"just a string"', contentType)).toEqual({ type: 'json', value: 'just a string' });
  });

  it('parses a JSON-looking body whose content type lies or is missing (FAULTS 17)', () => {
    expect(sniffBody('{"error":"x"}', 'text/plain')).toEqual({ type: 'json', value: { error: 'x' } });
    expect(sniffBody('  [1,2]', undefined)).toEqual({ type: 'json', value: [1, 2] });
    expect(sniffBody('{"error":"x"}', 'text/html')).toEqual({ type: 'json', value: { error: 'x' } });
  });

  it('does not parse a non-object JSON value without a JSON content type', () => {
    expect(sniffBody('42', 'text/plain')).toEqual({ type: 'text', text: '42' });
  });

  it('strips a byte-order mark before parsing', () => {
    expect(sniffBody('\ufeff{"a":1}', 'application/json')).toEqual({ type: 'json', value: { a: 1 } });
    expect(sniffBody(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]), undefined)).toEqual({ type: 'json', value: {} });
  });

  it('decodes bytes: Uint8Array, Buffer, other views and ArrayBuffer', () => {
    const bytes = new TextEncoder().encode('{"a":"é"}');
    expect(sniffBody(bytes, 'application/json')).toEqual({ type: 'json', value: { a: 'é' } });
    expect(sniffBody(Buffer.from(bytes), undefined)).toEqual({ type: 'json', value: { a: 'é' } });
    expect(sniffBody(new DataView(bytes.buffer), undefined)).toEqual({ type: 'json', value: { a: 'é' } });
    expect(sniffBody(bytes.buffer, undefined)).toEqual({ type: 'json', value: { a: 'é' } });
  });

  it('replaces invalid UTF-8 instead of throwing', () => {
    const result = sniffBody(new Uint8Array([0x66, 0x6f, 0xff, 0xfe, 0xc3]), 'text/plain');
    expect(result).toEqual({ type: 'text', text: 'fo\ufffd\ufffd\ufffd' });
  });

  it('falls back to HTML when a body declared as JSON is an HTML page (FAULTS 14)', () => {
    const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    expect(sniffBody(page, 'application/json')).toEqual({ type: 'html', text: page });
  });

  it('detects HTML by content type', () => {
    expect(sniffBody('Service down', 'text/html; charset=utf-8')).toEqual({
      type: 'html',
      text: 'Service down',
    });
  });

  it.each([
    '<!DOCTYPE html><p>x</p>',
    '<!doctype HTML>',
    '\n  <HTML lang="en">',
    '<head><title>t</title></head>',
    '<body>b</body>',
    '<title>t</title>',
    '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN">\n<html>',
    '<!-- cdn comment --><html>',
  ])('sniffs HTML in %j without a content type', (text) => {
    expect(sniffBody(text, undefined).type).toBe('html');
  });

  it('does not take XML or text mentioning tags for HTML', () => {
    expect(sniffBody('<?xml version="1.0"?><Error><Code>NoSuchKey</Code></Error>', undefined).type).toBe('text');
    expect(sniffBody('error: expected <html> tag', undefined).type).toBe('text');
    expect(sniffBody(`<root>${' '.repeat(2000)}<html>`, undefined).type).toBe('text');
  });

  it('keeps plain text as text', () => {
    expect(sniffBody('Rate limit exceeded', 'text/plain')).toEqual({ type: 'text', text: 'Rate limit exceeded' });
    expect(sniffBody('{not json', 'application/json')).toEqual({ type: 'text', text: '{not json' });
  });

  it('keeps bytes of a binary content type as binary, undecoded', () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);
    expect(sniffBody(png, 'image/png')).toEqual({ type: 'binary', bytes: png, contentType: 'image/png' });
    const gzip = Uint8Array.from([0x1f, 0x8b, 0x08, 0x00]);
    expect(sniffBody(gzip, 'application/x-gzip').type).toBe('binary');
    // Text under an unknown type with a charset is text (GitHub's raw media type), not binary.
    const raw = new TextEncoder().encode('# README');
    expect(sniffBody(raw, 'application/vnd.github.raw; charset=utf-8')).toEqual({ type: 'text', text: '# README' });
    expect(sniffBody(raw, 'text/csv')).toEqual({ type: 'text', text: '# README' });
  });

  it('takes bytes without a content type for binary only when a NUL byte shows near the start', () => {
    expect(sniffBody(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), undefined).type).toBe('binary');
    expect(sniffBody(new TextEncoder().encode('plain words'), undefined).type).toBe('text');
  });

  it('still reads a JSON body typed as binary as JSON (FAULTS 17), and bytes that only open like JSON as binary', () => {
    const json = new TextEncoder().encode(' {"error":"x"}');
    expect(sniffBody(json, 'application/octet-stream')).toEqual({ type: 'json', value: { error: 'x' } });
    const notJson = Uint8Array.from([0x7b, 0x00, 0x01]);
    expect(sniffBody(notJson, 'application/octet-stream').type).toBe('binary');
  });

  it('treats functions and symbols as empty and bigints as text, without throwing', () => {
    expect(sniffBody(() => 1, undefined)).toEqual({ type: 'empty' });
    expect(sniffBody(Symbol('x'), undefined)).toEqual({ type: 'empty' });
    expect(sniffBody(10n, undefined)).toEqual({ type: 'text', text: '10' });
  });

  it('removes prototype-polluting keys from sniffed JSON', () => {
    const result = sniffBody('{"__proto__":{"polluted":true}}', 'application/json');
    expect(result).toEqual({ type: 'json', value: {} });
  });

  it('never throws, whatever the body and content type', () => {
    const raw = fc.oneof(
      fc.string(),
      fc.string().map((s) => `<html><title>${s}</title>${s}`),
      fc.json(),
      fc.jsonValue(),
      fc.uint8Array(),
      fc.constant(undefined),
    );
    const contentType = fc.option(
      fc.oneof(fc.constantFrom('application/json', 'text/html', 'text/plain', 'application/problem+json'), fc.string()),
      { nil: undefined },
    );
    fc.assert(
      fc.property(raw, contentType, (body, type) => {
        const parsed = sniffBody(body, type);
        expect(['json', 'html', 'text', 'binary', 'empty']).toContain(parsed.type);
        if (parsed.type === 'html') expect(htmlSnippet(parsed.text).length).toBeLessThanOrEqual(200);
      }),
      { numRuns: 500 },
    );
  });
});
