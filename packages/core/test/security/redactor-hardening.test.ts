// Unit tests of the redaction fixes the secrets property test led to: each case is one leak it found.
import { describe, expect, it } from 'vitest';
import { scrubBodyText, scrubHeaderValues } from '../../src/client/scrub-response';
import { createRedactor, MAX_KEPT_BODY_CHARS, REDACTED } from '../../src/errors/redact';

describe('redactor: spellings of a secret', () => {
  const secret = "Zq!a b'(c)*~d";

  it.each([
    ['raw', secret],
    ['encodeURIComponent', encodeURIComponent(secret)],
    ['encodeURIComponent with + for spaces', encodeURIComponent(secret).replaceAll('%20', '+')],
    [
      'a URL query as the WHATWG serializer writes it',
      new URL(`https://x.test/?k=${encodeURIComponent(secret)}`).search.slice(3),
    ],
    ['form encoding (URLSearchParams)', new URLSearchParams({ k: secret }).toString().slice(2)],
    [
      'RFC 3986 strict',
      encodeURIComponent(secret).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    ],
  ])('scrubs the %s form', (_label, form) => {
    const r = createRedactor({ secrets: [secret] });
    expect(r.text(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it('scrubs the form escaped inside a JSON string (a message quoting the value)', () => {
    const quoted = 'Zq"quote\\back';
    const r = createRedactor({ secrets: [quoted] });
    expect(r.text(`received ${JSON.stringify(quoted)}`)).toBe(`received "${REDACTED}"`);
  });
});

describe('redactor: URLs', () => {
  it('remembers the userinfo and secret query values it removes, so echoes elsewhere are scrubbed', () => {
    const r = createRedactor();
    expect(r.url('https://alice:Zq%2Fpass1@api.x.test/a?access_token=Zq_tok_123&page=2')).toBe(
      `https://api.x.test/a?access_token=${REDACTED}&page=2`,
    );
    expect(r.text('echo Zq/pass1 and Zq_tok_123 and Zq%2Fpass1')).toBe(
      `echo ${REDACTED} and ${REDACTED} and ${REDACTED}`,
    );
  });

  it('strips userinfo and secret parameters from a URL the parser refuses', () => {
    const r = createRedactor();
    const out = r.url('https://bob:Zq_pw_9@api.x.testhttps://evil.test/?api_key=Zq_k_1&x=1');
    expect(out).not.toContain('Zq_pw_9');
    expect(out).not.toContain('Zq_k_1');
    expect(out).toContain('x=1');
  });

  it('never registers its own placeholder', () => {
    const r = createRedactor();
    r.url(`https://x.test/?token=${REDACTED}`);
    expect(r.text('[REDACTED] stays readable')).toBe('[REDACTED] stays readable');
  });
});

describe('redactor: bounded memory of secrets', () => {
  it('keeps the 64 most recently seen secrets, so a token refreshed forever does not grow it', () => {
    const r = createRedactor();
    r.addSecret('Zq_first_token');
    for (let i = 0; i < 200; i++) {
      r.addSecret(`Zq_refreshed_${i}_token`);
      // The long-lived credential is seen on every attempt, which keeps it.
      r.addSecret('Zq_first_token');
    }
    expect(r.text('Zq_first_token')).toBe(REDACTED);
    expect(r.text('Zq_refreshed_199_token')).toBe(REDACTED);
    expect(r.text('Zq_refreshed_100_token')).toBe('Zq_refreshed_100_token');
  });
});

describe('redactor: bodies', () => {
  it('scrubs a string before cutting it, so a secret across the cut leaves no piece', () => {
    const secret = 'Zq_secret_across_the_cut';
    const r = createRedactor({ secrets: [secret] });
    for (const shift of [0, 5, 10, 20]) {
      const text = `${'x'.repeat(MAX_KEPT_BODY_CHARS - shift)}${secret}`;
      expect(r.body(text)).not.toMatch(/Zq_sec/);
      expect(JSON.stringify(r.body({ a: text }))).not.toMatch(/Zq_sec/);
    }
  });

  it('scrubs keys as well as values', () => {
    const r = createRedactor({ secrets: ['Zq_key_as_name'] });
    expect(r.body({ Zq_key_as_name: 'invalid' })).toEqual({ [REDACTED]: 'invalid' });
  });
});

describe('scrub-response: what classification reads', () => {
  const r = createRedactor({ secrets: ['Zq_a,b_secret'] });

  it('scrubs header values before a reader splits them at commas', () => {
    const headers = Object.assign(Object.create(null) as Record<string, string>, {
      'x-request-id': 'Zq_a,b_secret',
      'retry-after': '3',
    });
    expect(scrubHeaderValues(r, headers)).toEqual({ 'x-request-id': REDACTED, 'retry-after': '3' });
  });

  it('returns the very same map and no body when nothing is secret, so the hot path copies nothing', () => {
    const headers = Object.assign(Object.create(null) as Record<string, string>, { 'retry-after': '3' });
    expect(scrubHeaderValues(r, headers)).toBe(headers);
    expect(scrubBodyText(r, new TextEncoder().encode('{"message":"fine"}'))).toBeUndefined();
    expect(scrubBodyText(r, new Uint8Array(0))).toBeUndefined();
  });

  it('gives the scrubbed body text when a secret is echoed', () => {
    expect(scrubBodyText(r, new TextEncoder().encode('{"message":"bad Zq_a,b_secret"}'))).toBe(
      `{"message":"bad ${REDACTED}"}`,
    );
  });
});
