/** An offset-paginated list: `next_page` is a URL, and there is no cursor `meta`. */
function offsetNextPage(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const b = body as { next_page?: unknown; meta?: unknown };
  return typeof b.next_page === 'string' && b.next_page !== '' && b.meta === undefined ? b.next_page : undefined;
}

/**
 * Warnings a successful Zendesk body carries: a list answered with offset pagination (`next_page`, no `meta`).
 * `client.paginate()` follows cursors only (`meta.after_cursor`); Zendesk uses offset pagination unless the
 * request has `page[size]`, so such a walk stops after its first page, and offset pagination ends with a 400 past
 * the first 10,000 records. The warning is the only trace. Pure; `[]` otherwise.
 *
 * @see https://developer.zendesk.com/api-reference/introduction/pagination/
 * @example
 * zendeskWarnings({ tickets: [], next_page: 'https://acme.zendesk.com/api/v2/tickets.json?page=2' });
 * // ['offset pagination: next_page not followed; send page[size] to paginate by cursor']
 */
export function zendeskWarnings(body: unknown): string[] {
  return offsetNextPage(body) === undefined
    ? []
    : ['offset pagination: next_page not followed; send page[size] to paginate by cursor'];
}
