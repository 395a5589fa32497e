// Attribute and instrument names: OpenTelemetry's HTTP client semantic conventions (stable since v1.23) where they
// say something, `rosetta.*` for what is Rosetta's own. Plain strings: the package depends on `@opentelemetry/api`
// alone. https://opentelemetry.io/docs/specs/semconv/http/http-spans/#http-client-span

/** Attribute names of the HTTP client semantic conventions that Rosetta sets. */
export const HTTP = {
  method: 'http.request.method',
  methodOriginal: 'http.request.method_original',
  resendCount: 'http.request.resend_count',
  statusCode: 'http.response.status_code',
  serverAddress: 'server.address',
  serverPort: 'server.port',
  urlFull: 'url.full',
  urlTemplate: 'url.template',
  errorType: 'error.type',
} as const;

/** Rosetta's own attribute names. */
export const ROSETTA = {
  provider: 'rosetta.provider',
  errorCode: 'rosetta.error.code',
  retryable: 'rosetta.error.retryable',
  stopReason: 'rosetta.retry.stop_reason',
  attempt: 'rosetta.attempt',
  retryReason: 'rosetta.retry.reason',
  retryDelayMs: 'rosetta.retry.delay_ms',
  durationMs: 'rosetta.attempt.duration_ms',
  bucket: 'rosetta.rate_limit.bucket',
  waitReason: 'rosetta.rate_limit.reason',
} as const;

/** Methods the conventions name; any other is `_OTHER`, with the original in `http.request.method_original`. */
export const KNOWN_METHODS: ReadonlySet<string> = new Set([
  'CONNECT',
  'DELETE',
  'GET',
  'HEAD',
  'OPTIONS',
  'PATCH',
  'POST',
  'PUT',
  'TRACE',
]);
