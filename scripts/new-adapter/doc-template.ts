import type { AdapterNames } from './names';

/**
 * `docs/providers/<id>.md`: the sections every provider page has (usage, error body, mapping, auth, rate limits,
 * pagination, request ids, how the official SDK differs, not covered, sources), each saying what goes in it.
 */
export function providerPage(n: AdapterNames): string {
  const { id, camel, display } = n;
  return `# ${display} — \`@rosetta/${id}\`

\`\`\`ts
import { createClient, isApiError } from '@rosetta/core';
import { ${camel} } from '@rosetta/${id}';

const client = createClient(${camel}, { auth: { token: process.env.${n.env}_TOKEN } });
try {
  console.log(await client.get('/'));
} catch (err) {
  if (isApiError(err)) console.log(err.kind, err.code, err.retryable);
}
\`\`\`

The adapter follows ${display}'s documentation and what the official SDK does (name the SDK, the files read and
its version). Say what decides an error's kind: the HTTP status, a code in the body, or both.

## Error body

The documented error body as a JSON block, then which member becomes \`ApiError.code\`, \`detail\`, \`requestId\` and
\`fieldErrors\`. Then every other shape: errors inside a 2xx, proxy or gateway HTML pages, OAuth errors.

## Mapping

One row per status or code the provider documents; a code not listed keeps core's status reading.

| status | code | kind | retryable | notes |
| --- | --- | --- | --- | --- |

## Auth

The credential schemes (\`auth\`), which header or parameter carries each, and which other headers or parameters
are secrets (\`credentialHeaders\`, \`credentialParams\`).

## Rate limits

Each bucket of \`src/limits.ts\`: model, numbers, scope, and the page they come from. How a throttling answer says
"wait" (\`rate_limited\`) and how it says "quota spent" (\`quota_exceeded\`), and where the wait comes from.

## Pagination

The \`pagination\` descriptor, or why list endpoints do not fit core's paginator.

## Request ids

The header or body member that carries the request id, on successes and errors.

## What the official SDK does differently, and why Rosetta differs

| official SDK | Rosetta | why |
| --- | --- | --- |

## Not covered

What the adapter does not handle yet, and what a caller does instead.

## Sources

- Every docs page and official SDK file the adapter and its fixtures cite.
`;
}
