/**
 * Warnings a successful Google body carries: a Drive `files.list` whose search "was incomplete" (`incompleteSearch:
 * true`, "some search results might be missing", typically across several shared drives). The page still succeeds
 * and may still carry a `nextPageToken`; the warning is the only trace. Pure; `[]` otherwise.
 *
 * @see https://developers.google.com/workspace/drive/api/reference/rest/v3/files/list
 * @example
 * googleWarnings({ files: [], incompleteSearch: true }); // ['incomplete search: some results may be missing']
 */
export function googleWarnings(body: unknown): string[] {
  // A primitive has no such member: `?.` reads undefined from it as from null.
  return (body as { incompleteSearch?: unknown } | null | undefined)?.incompleteSearch === true
    ? ['incomplete search: some results may be missing']
    : [];
}
