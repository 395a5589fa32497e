// One row per kind, in the order of docs/error-model.md: retryable by default, then the status and title that
// `toProblemDetails` suggests product code answers with.
const KINDS = {
  authentication: [false, 502, 'Provider authentication failed'],
  permission: [false, 403, 'Provider denied permission'],
  not_found: [false, 404, 'Resource not found at provider'],
  validation: [false, 422, 'Provider rejected the request as invalid'],
  conflict: [false, 409, 'Conflict at provider'],
  payment_required: [false, 402, 'Payment required by provider'],
  rate_limited: [true, 429, 'Provider rate limit reached'],
  quota_exceeded: [false, 429, 'Provider quota exhausted'],
  unavailable: [true, 503, 'Provider unavailable'],
  server: [true, 502, 'Provider internal error'],
  timeout: [true, 504, 'Provider timed out'],
  network: [true, 502, 'Network error reaching provider'],
  aborted: [false, 499, 'Request aborted'],
  unsupported: [false, 501, 'Operation not supported by provider'],
  invalid_response: [false, 502, 'Provider sent an unusable response'],
  unknown: [false, 500, 'Unknown provider error'],
} as const satisfies Record<string, readonly [retryable: boolean, status: number, title: string]>;

/** One normalized error kind; product code switches on `err.kind` and the union is exhaustive. See `docs/error-model.md`. */
export type ErrorKind = keyof typeof KINDS;

/**
 * Every normalized error kind, in the order of the error model's table (docs/error-model.md).
 *
 * @example
 * for (const kind of ERROR_KINDS) console.log(kind);
 */
export const ERROR_KINDS: readonly ErrorKind[] = Object.freeze(Object.keys(KINDS) as ErrorKind[]);

/** Whether retrying the same request later can succeed, per kind, when no provider hint or adapter rule says otherwise. */
export const RETRYABLE_BY_DEFAULT: Readonly<Record<ErrorKind, boolean>> = Object.freeze(
  Object.fromEntries(ERROR_KINDS.map((kind) => [kind, KINDS[kind][0]])) as Record<ErrorKind, boolean>,
);

/** The outward HTTP status and title `toProblemDetails` gives a kind. */
export function kindProblem(kind: ErrorKind): { readonly title: string; readonly status: number } {
  const [, status, title] = KINDS[kind];
  return { title, status };
}

/** Type guard: is `value` one of the {@link ERROR_KINDS}? */
export function isErrorKind(value: unknown): value is ErrorKind {
  return typeof value === 'string' && Object.hasOwn(KINDS, value);
}
