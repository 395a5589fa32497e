import { describe, expect, it } from 'vitest';
import { findSecretLeaks, randomSecret, secretFragments } from '../../src/conformance/secret-leaks';

describe('randomSecret', () => {
  it('is sec_ plus 24 base64-alphabet characters, different every time', () => {
    const secrets = Array.from({ length: 50 }, randomSecret);
    for (const secret of secrets) expect(secret).toMatch(/^sec_[A-Za-z0-9+/=]{24}$/);
    expect(new Set(secrets).size).toBe(50);
  });
});

describe('secretFragments', () => {
  it('lists every 6-character window, raw and URL-encoded, once', () => {
    expect(secretFragments('abcdefgh')).toEqual(['abcdef', 'bcdefg', 'cdefgh']);
    expect(secretFragments('a+b/c=d')).toEqual(['a+b/c=', 'a%2Bb%2Fc%3D', '+b/c=d', '%2Bb%2Fc%3Dd']);
  });
});

describe('findSecretLeaks', () => {
  const secret = 'sec_Ab3+Zz9/Qq1=Rr7xYy5Ww2Uu';

  it('finds any 6-character piece of the secret, raw or URL-encoded, and names the surface', () => {
    const leaks = findSecretLeaks(secret, {
      clean: 'stripe GET /v1/x failed: 401 [REDACTED]',
      raw: `token tail ${secret.slice(10, 16)} here`,
      encoded: `?api_token=${encodeURIComponent(secret.slice(4, 12))}`,
    });
    expect(leaks.map((leak) => leak.surface)).toEqual(['raw', 'encoded']);
    expect(leaks[0]?.excerpt).toContain(secret.slice(10, 16));
  });

  it('ignores pieces shorter than the window', () => {
    expect(findSecretLeaks(secret, { short: `prefix ${secret.slice(0, 5)}` })).toEqual([]);
  });
});
