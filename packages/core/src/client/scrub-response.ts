import type { HeaderMap } from '../classify/header-map';
import type { Redactor } from '../errors/redact';

// Not fatal, like the classifier's own decoder: broken UTF-8 becomes replacement characters.
const decoder = new TextDecoder('utf-8');

/**
 * `headers` with every known secret value scrubbed, or `headers` itself when none appears. Classification
 * reads the result: it splits and cuts header values (`x-request-id: a, b` keeps `a`), and a cut through a
 * credential would leave a piece the redactor no longer recognizes.
 */
export function scrubHeaderValues(redactor: Redactor, headers: HeaderMap): HeaderMap {
  let out: Record<string, string> | undefined;
  for (const name of Object.keys(headers)) {
    const value = headers[name] as string;
    const clean = redactor.text(value);
    if (clean === value) continue;
    out ??= Object.assign(Object.create(null) as Record<string, string>, headers);
    out[name] = clean;
  }
  return out ?? headers;
}

/**
 * The body as text with every known secret scrubbed, or `undefined` when none appears. Scrubbing before
 * classification, not after, is what keeps a credential echoed in an error body whole: snippets, message
 * limits and whitespace folding would otherwise cut it into pieces the redactor cannot find.
 */
export function scrubBodyText(redactor: Redactor, bytes: Uint8Array): string | undefined {
  if (bytes.byteLength === 0) return undefined;
  const text = decoder.decode(bytes);
  const clean = redactor.text(text);
  return clean === text ? undefined : clean;
}
