/**
 * `value`'s members that are not `undefined`, in a new object: what an optional member needs under
 * `exactOptionalPropertyTypes`, without a conditional spread per member.
 *
 * @example
 * const meta = { status, ...defined({ requestId, rateLimit }) };
 */
export function defined<T extends object>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
