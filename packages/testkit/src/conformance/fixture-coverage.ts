import type { AdapterFixture } from './fixture';

/**
 * The categories every adapter's fixtures must cover; within a group any one kind will do. `success`
 * stands for a fixture whose `expected` is `null`.
 */
export const REQUIRED_FIXTURE_CATEGORIES: readonly (readonly string[])[] = [
  ['success'],
  ['authentication'],
  ['permission'],
  ['not_found'],
  ['validation'],
  ['rate_limited'],
  ['server', 'unavailable'],
];

/**
 * The required categories no fixture covers, each as `kind` or `kind1 or kind2`; empty when all are.
 *
 * @example
 * missingFixtureCategories(fixtures); // ['permission', 'server or unavailable']
 */
export function missingFixtureCategories(fixtures: readonly AdapterFixture[]): string[] {
  const covered = new Set<string>(fixtures.map((fixture) => fixture.expected?.kind ?? 'success'));
  return REQUIRED_FIXTURE_CATEGORIES.filter((group) => !group.some((kind) => covered.has(kind))).map((group) =>
    group.join(' or '),
  );
}
