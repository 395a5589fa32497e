// Shared by the secret tests: a secret generator whose pieces cannot occur by chance in Rosetta's own
// text, and a check that no piece of a secret shows on any surface an error or event exposes.
import { inspect } from 'node:util';
import fc from 'fast-check';
import { isApiError } from '../../src/errors/is-api-error';

/** Length of the secret pieces looked for: any 6 consecutive characters count as a leak. */
export const WINDOW = 6;

// Printable ASCII that URLs and forms must escape, space included, so every encoding path is exercised.
const SPECIALS = [...' !"#$%&\'()*+,/:;<=>?@[\\]^`{|}~'];
// No capital letters: `Z` is reserved as the marker below.
const FILLER = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/**
 * Random secrets of at least 12 characters, URL-special characters included, built so that a 6-character
 * window of them can only appear in a text if the text took it from the secret:
 *
 * - A secret is `Zq` followed by tokens `Z` + up to two filler characters + at most one special
 *   character, and ends with `Z` + one filler character.
 * - A token is at most 4 characters raw and at most 6 once percent-encoded (one ASCII special becomes
 *   `%XX`), so every 6-character window of the secret, raw, `encodeURIComponent`-encoded or
 *   form-encoded, contains a capital `Z`.
 * - Rosetta's fixed texts (messages, `[REDACTED]`, kinds, codes, paths and hosts used by the tests,
 *   header names, stack frames) hold no capital `Z`, so a window found in an output came from the
 *   secret. Without this, a window such as `EDACTE` of an unlucky secret would match `[REDACTED]`.
 */
export const secretArbitrary: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.array(fc.constantFrom(...FILLER), { maxLength: 2 }),
        fc.option(fc.constantFrom(...SPECIALS), { nil: undefined }),
      ),
      { minLength: 4, maxLength: 14 },
    ),
    fc.constantFrom(...FILLER),
  )
  .map(
    ([tokens, last]) =>
      `Zq${tokens.map(([filler, special]) => `Z${filler.join('')}${special ?? ''}`).join('')}Z${last}`,
  )
  .filter((secret) => secret.length >= 12);

/**
 * The forms a secret travels in: raw, `encodeURIComponent`, that form re-escaped by a URL serializer
 * (a query escapes `'`), and form encoding (URLSearchParams).
 */
export function secretForms(secret: string): string[] {
  const encoded = encodeURIComponent(secret);
  return [secret, encoded, encoded.replaceAll("'", '%27'), new URLSearchParams({ s: secret }).toString().slice(2)];
}

/** Every 6-character window of every form of every secret. */
export function secretWindows(secrets: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const secret of secrets) {
    for (const form of secretForms(secret)) {
      for (let i = 0; i + WINDOW <= form.length; i++) out.add(form.slice(i, i + WINDOW));
    }
  }
  return out;
}

/** Every text a logger, a serializer or a developer could see of a thrown value. */
export function errorSurfaces(error: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof Error)) {
    out.value = inspect(error, { depth: 20 });
    return out;
  }
  out.message = error.message;
  out.stack = error.stack ?? '';
  out.inspect = inspect(error, { depth: 20 });
  out.inspectHidden = inspect(error, { depth: 20, showHidden: true });
  out.stringify = JSON.stringify(error);
  out.ownProps = inspect({ ...error }, { depth: 20 });
  if (isApiError(error)) {
    out.toJSON = JSON.stringify(error.toJSON());
    out.problem = JSON.stringify(error.toProblemDetails());
    out.response = inspect(error.response, { depth: 20 });
    out.request = inspect(error.request, { depth: 20 });
  }
  let cause: unknown = error.cause;
  for (let depth = 0; cause !== undefined && depth < 10; depth++) {
    out[`cause${depth}`] =
      cause instanceof Error ? `${cause.message}\n${cause.stack ?? ''}` : inspect(cause, { depth: 20 });
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return out;
}

/** Every text of an event payload, as a logger would print or serialize it. */
export function payloadSurfaces(payload: unknown): string[] {
  return [inspect(payload, { depth: 20 }), JSON.stringify(payload) ?? ''];
}

/**
 * The first leak found: which surface shows which window, with some context; `undefined` when none.
 * Surfaces are named so that a failing property says where the secret escaped.
 */
export function findLeak(surfaces: Record<string, string>, secrets: readonly string[]): string | undefined {
  const windows = secretWindows(secrets);
  for (const [name, text] of Object.entries(surfaces)) {
    for (const window of windows) {
      const at = text.indexOf(window);
      if (at >= 0) {
        const context = text.slice(Math.max(0, at - 40), at + WINDOW + 40);
        return `${name} contains ${JSON.stringify(window)}: ...${context}...`;
      }
    }
  }
  return undefined;
}
