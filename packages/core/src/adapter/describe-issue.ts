import type * as z from 'zod/mini';

type Issue = z.core.$ZodIssue;

// zod/mini ships no message locale (every default message is "Invalid input"), and loading one
// would change zod's global config for every package; so the issue kinds an adapter definition or a
// fixture can raise are worded here.
const GENERIC = 'Invalid input';

/**
 * The offending field (dotted path; for an unknown member, the member itself) and a readable
 * description of one zod issue raised while parsing `input`.
 *
 * @example
 * describeIssue(issue, json); // { field: 'expected.retryable', problem: 'expected boolean, got string' }
 * Used by `defineAdapter()` and by the testkit's fixture loader.
 */
export function describeIssue(issue: Issue, input: unknown): { field: string; problem: string } {
  const path = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0] ?? '';
    const others = issue.keys.length > 1 ? ` (and ${issue.keys.slice(1).join(', ')})` : '';
    return {
      field: [...path, key].join('.'),
      problem: `unknown member${others} (a typo, or a member the schema does not have)`,
    };
  }
  const field = path.length === 0 ? '(file)' : path.join('.');
  if (issue.message !== GENERIC && issue.message !== '') return { field, problem: issue.message };
  switch (issue.code) {
    case 'invalid_type':
      return { field, problem: `expected ${issue.expected}, got ${kindOf(issue.path, input)}` };
    case 'invalid_value':
      return { field, problem: `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}` };
    case 'too_small':
      return { field, problem: `must be ${issue.inclusive === false ? '>' : '>='} ${String(issue.minimum)}` };
    case 'too_big':
      return { field, problem: `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}` };
    default:
      return { field, problem: `invalid (${issue.code})` };
  }
}

// zod leaves the offending value off its issues unless told to keep inputs; it is read back here.
function kindOf(path: readonly PropertyKey[], input: unknown): string {
  let value = input;
  for (const key of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) {
      return 'nothing (the member is missing)';
    }
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
