// An adapter entry that reads its body by hand, as adapters do.
export const readMessage = (body: unknown): unknown => (body as { message?: unknown } | undefined)?.message;
