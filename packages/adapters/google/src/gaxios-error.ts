import type { HeadersInput, ResponseInput } from '@rosetta/core';

/** `gaxios`' instanceof marker: `Symbol.for(`${pkg.name}-gaxios-error`)`, the package being `gaxios`. */
const GAXIOS_ERROR = Symbol.for('gaxios-gaxios-error');

/** The members of a `GaxiosError` read here (gaxios src/common.ts). */
interface GaxiosErrorShape {
  readonly config?: { readonly method?: unknown; readonly url?: unknown; readonly headers?: unknown };
  readonly response?: { readonly status?: unknown; readonly headers?: unknown; readonly data?: unknown };
}

/**
 * Reads the errors of Google's official Node clients (`googleapis`, `google-auth-library`, the Cloud clients over
 * HTTP) as the responses they carry: a `GaxiosError` (gaxios src/common.ts; marked with the registered symbol
 * `gaxios-gaxios-error` so that `instanceof` works across copies) with `response.status`, `response.headers` (a
 * `Headers` since gaxios 7, a plain object before), `response.data` (the parsed error body) and the request's
 * `config.method` and `config.url`. A `GaxiosError` without `response` failed before any answer: nothing to read.
 * gaxios' own redactor may have replaced secrets in the config; Rosetta's redaction applies on top. The request's
 * credential headers (`Authorization`, `X-Goog-Api-Key`), when gaxios left them (`errorRedactor: false`, gaxios
 * before 5.1), are handed over as `secrets`, so that an answer echoing them is scrubbed.
 */
export function readGaxiosError(error: unknown): ResponseInput | undefined {
  if (!(error instanceof Error) || !(GAXIOS_ERROR in error || error.name === 'GaxiosError')) return undefined;
  const { config, response } = error as Error & GaxiosErrorShape;
  if (typeof response?.status !== 'number') return undefined;
  return {
    status: response.status,
    // A `Headers` (gaxios 7) or a plain record (before): core's reading of a `ResponseInput` normalizes either, and
    // reads none from a missing one.
    headers: response.headers as HeadersInput,
    body: response.data,
    ...(typeof config?.method === 'string' ? { method: config.method } : {}),
    // `String(undefined)` is no URL.
    ...(URL.canParse(String(config?.url)) ? { url: String(config?.url) } : {}),
    secrets: credentialsOf(config?.headers),
  };
}

/**
 * The request's credential header values (the bearer token, google-auth-library's `X-Goog-Api-Key`), from a
 * `Headers` (gaxios 7) or a plain record (before).
 */
function credentialsOf(headers: unknown): string[] {
  try {
    const h = new Headers(headers as HeadersInit);
    return [h.get('authorization'), h.get('x-goog-api-key')].filter((v) => v !== null);
  } catch {
    return [];
  }
}
