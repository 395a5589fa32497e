const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * DESIGN.md's retry rule: only GET, HEAD, OPTIONS, PUT, DELETE, or any request carrying an idempotency
 * key may be sent twice. A POST or PATCH without a key never is.
 *
 * @example
 * isSafeToRepeat('POST', false); // false
 * isSafeToRepeat('POST', true);  // true
 */
export function isSafeToRepeat(method: string, hasIdempotencyKey: boolean): boolean {
  return hasIdempotencyKey || SAFE_METHODS.has(method.toUpperCase());
}
