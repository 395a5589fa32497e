import { addCredential, isSecretHeaderName, type Redactor } from '../errors/redact';

/**
 * Copies `headers` into `into` under lower-cased names. A value under a secret-looking name is a credential passed
 * by hand (an SDK's `Authorization` through `client.fetch`): it is registered with the redactor (never echoed), with
 * and without its scheme word, and its name is returned, so that the caller strips it
 * on a redirect that leaves the credential's origin (never forwarded).
 */
export function mergeHeaders(
  into: Record<string, string>,
  headers: Readonly<Record<string, string>> | undefined,
  redactor: Redactor,
): string[] {
  const secretNames: string[] = [];
  if (headers === undefined) return secretNames;
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    const value = headers[name] as string;
    into[lower] = value;
    if (isSecretHeaderName(lower)) {
      addCredential(value, redactor);
      secretNames.push(lower);
    }
  }
  return secretNames;
}

/**
 * Registers the credentials a `beforeRequest` hook put on a request (a signer, a token the hook fetched itself), in
 * its headers or in secret-named query parameters of a `Request` it returned: Rosetta never saw them, yet a provider
 * may echo them in an error, a header or a request id.
 */
export function learnHookSecrets(request: Request, redactor: Redactor): void {
  request.headers.forEach((value, name) => {
    if (isSecretHeaderName(name) || redactor.secretHeaders.has(name)) addCredential(value, redactor);
  });
  // Redacting the URL registers its userinfo and the values of its secret-named parameters; the text is not needed.
  redactor.url(request.url);
}
