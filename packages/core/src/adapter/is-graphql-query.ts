// Which GraphQL requests are reads. "query – a read-only fetch", "mutation – a write followed by a fetch" (GraphQL
// spec, Operations: https://spec.graphql.org/October2021/#sec-Language.Operations); a document that is only a
// selection set, `{ viewer { id } }`, is the query shorthand (same section, "Query shorthand"). A scan of the
// top level, not a parser: whatever it cannot tell apart is not a read.

// Block strings, strings and comments (spec §2.9.4 String Value, §2.1.7 Comments) are matched whole, so a brace or
// a word inside them is never read as syntax; then braces and names. One left-to-right alternation: a `#` inside a
// string and a `"` inside a comment mean nothing. A string or comment token equals none of the tokens looked for.
const TOKENS = /"""(?:\\"""|[\s\S])*?"""|"(?:\\.|[^"\\\n\r])*"|#[^\n\r]*|[{}]|\w+/g;

/**
 * Whether a GraphQL request body asks only for `query` operations, which change nothing, so that sending it again is
 * harmless: for an adapter's `safeToRepeat` hook, on the provider's GraphQL path. `false` for anything else: a body
 * without a string `query` (a persisted query sent by hash, a pre-encoded string, a batch array), a document naming
 * `mutation` or `subscription` at its top level anywhere (whichever operation `operationName` picks), or one whose
 * braces do not balance.
 *
 * @example
 * isGraphqlQuery({ query: '{ viewer { id } }' }); // true
 * isGraphqlQuery({ query: 'mutation { issueCreate(input: {}) { success } }' }); // false
 */
export function isGraphqlQuery(body: unknown): boolean {
  const query = (body as { query?: unknown } | null | undefined)?.query;
  if (typeof query !== 'string') return false;
  let depth = 0;
  for (const [token] of query.matchAll(TOKENS)) {
    if (token === '{') depth++;
    else if (token === '}') {
      if (--depth < 0) return false;
    } else if (depth === 0 && (token === 'mutation' || token === 'subscription')) return false;
  }
  return depth === 0;
}
