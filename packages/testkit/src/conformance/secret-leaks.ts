import { randomInt } from 'node:crypto';

// Base64's alphabet: realistic for API keys, and `+`, `/` and `=` change under URL encoding.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=';

/**
 * A fresh random credential, `sec_` plus 24 characters of the base64 alphabet, for leak checks:
 * random, so any of its fragments found in an error can only have come from the credential.
 */
export function randomSecret(): string {
  let tail = '';
  for (let i = 0; i < 24; i += 1) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `sec_${tail}`;
}

/**
 * Every substring of `secret` of `length` characters, raw and URL-encoded (`encodeURIComponent`,
 * which `URLSearchParams` agrees with on this alphabet), without duplicates.
 */
export function secretFragments(secret: string, length = 6): string[] {
  const fragments = new Set<string>();
  for (let i = 0; i + length <= secret.length; i += 1) {
    const raw = secret.slice(i, i + length);
    fragments.add(raw);
    fragments.add(encodeURIComponent(raw));
  }
  return [...fragments];
}

/** One fragment of a secret found where it must not be. */
export interface SecretLeak {
  /** Name of the text it was found in (`message`, `event:retry#1`, ...). */
  readonly surface: string;
  readonly fragment: string;
  /** Up to 30 characters around the find, to locate it. */
  readonly excerpt: string;
}

/**
 * Searches named texts for any fragment of `secret` (see {@link secretFragments}); an empty result
 * means nothing leaked.
 *
 * @example
 * findSecretLeaks(secret, { message: err.message, json: JSON.stringify(err) }); // []
 */
export function findSecretLeaks(secret: string, surfaces: Readonly<Record<string, string>>, length = 6): SecretLeak[] {
  const fragments = secretFragments(secret, length);
  const leaks: SecretLeak[] = [];
  for (const [surface, text] of Object.entries(surfaces)) {
    for (const fragment of fragments) {
      const at = text.indexOf(fragment);
      if (at === -1) continue;
      leaks.push({ surface, fragment, excerpt: text.slice(Math.max(0, at - 12), at + fragment.length + 12) });
      // One find per surface is enough to fail, and keeps the report short.
      break;
    }
  }
  return leaks;
}
