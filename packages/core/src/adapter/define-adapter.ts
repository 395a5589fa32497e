import { ADAPTER_BRAND, type Adapter, type AdapterDefinition, buildDefinitionSchema } from './types';
import { describeIssue } from './describe-issue';

/** Thrown by {@link defineAdapter} when a definition is invalid; the message names every bad field. */
export class AdapterDefinitionError extends Error {
  override name = 'AdapterDefinitionError' as const;
}

/**
 * Validates an adapter definition (outside production) and returns it frozen and branded.
 *
 * @example
 * export const acme = defineAdapter({ id: 'acme', displayName: 'Acme', baseUrl: 'https://api.acme.test' });
 */
export function defineAdapter<const D extends AdapterDefinition>(definition: D): D & Adapter {
  // Not in production bundles: the schema and zod/mini weigh 9 KB gzipped (docs/decisions/zod-at-runtime.md).
  // Bundlers replace `process.env.NODE_ENV` and drop the branch, and with it zod.
  if (process.env.NODE_ENV !== 'production') assertValidDefinition(definition);
  const adapter = { ...definition, [ADAPTER_BRAND]: true as const };
  deepFreeze(adapter);
  return adapter;
}

let schema: ReturnType<typeof buildDefinitionSchema> | undefined;

/** Throws {@link AdapterDefinitionError} naming every bad field of `definition`. */
export function assertValidDefinition(definition: AdapterDefinition): void {
  schema ??= buildDefinitionSchema();
  const result = schema.safeParse(definition);
  if (result.success) return;
  const problems = result.error.issues.map((issue) => {
    const { field, problem } = describeIssue(issue, definition);
    return `${field === '(file)' ? '(definition)' : field}: ${problem}`;
  });
  const id = typeof (definition as { id?: unknown })?.id === 'string' ? ` "${definition.id}"` : '';
  throw new AdapterDefinitionError(`Invalid adapter definition${id}: ${problems.join('; ')}`);
}

/** Type guard: was `value` made by {@link defineAdapter} (in this or any other copy of core)? */
export function isAdapter(value: unknown): value is Adapter {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ADAPTER_BRAND] === true;
}

function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
}
