/**
 * Reads a nested own member by path; undefined when any step is missing.
 *
 * @example
 * getPath({ response_metadata: { next_cursor: 'c2' } }, ['response_metadata', 'next_cursor']); // 'c2'
 */
export function getPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
