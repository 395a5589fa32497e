/** What {@link uncitedBuckets} reads of a bucket: its id and its citation. */
export interface CitedBucket {
  readonly id: string;
  readonly source: string;
}

/**
 * The ids of the buckets whose `source` does not start with an https URL: a limit's numbers come from a page
 * of the provider's docs, and `defineAdapter` only checks that `source` is not empty. Empty when every bucket
 * cites a page. An adapter's limits test asserts it is empty; `pnpm new-adapter` scaffolds a placeholder bucket
 * that fails this check until its page is cited.
 *
 * @example
 * expect(uncitedBuckets(stripeLimits)).toEqual([]);
 */
export function uncitedBuckets(buckets: readonly CitedBucket[]): string[] {
  return buckets.filter((bucket) => !isHttpsUrl(bucket.source.split(/\s/, 1)[0] ?? '')).map((bucket) => bucket.id);
}

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    // A host without a dot (`https://docs`) is a slip, not a page.
    return url.protocol === 'https:' && url.hostname.includes('.');
  } catch {
    return false;
  }
}
