/**
 * Every normalized error kind, in the order of the error model's table (docs/error-model.md).
 * Product code switches on `err.kind`; the union is exhaustive.
 */
export const ERROR_KINDS = [
  'authentication',
  'permission',
  'not_found',
  'validation',
  'conflict',
  'payment_required',
  'rate_limited',
  'quota_exceeded',
  'unavailable',
  'server',
  'timeout',
  'network',
  'aborted',
  'unsupported',
  'invalid_response',
  'unknown',
] as const;

/** One normalized error kind. See `docs/error-model.md` for what each means. */
export type ErrorKind = (typeof ERROR_KINDS)[number];

/**
 * Whether retrying the same request later can succeed, per kind, when nothing more specific
 * (a provider hint, an adapter rule) says otherwise. `server` means a plain 500-class failure.
 */
export const RETRYABLE_BY_DEFAULT: Readonly<Record<ErrorKind, boolean>> = Object.freeze({
  authentication: false,
  permission: false,
  not_found: false,
  validation: false,
  conflict: false,
  payment_required: false,
  rate_limited: true,
  quota_exceeded: false,
  unavailable: true,
  server: true,
  timeout: true,
  network: true,
  aborted: false,
  unsupported: false,
  invalid_response: false,
  unknown: false,
});

/** Type guard: is `value` one of the {@link ERROR_KINDS}? */
export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && (ERROR_KINDS as readonly string[]).includes(value);
}
