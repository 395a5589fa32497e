import { ERROR_KINDS } from '@rosetta/core';
import type { AdapterFixture } from '@rosetta/testkit';

/**
 * One fixture per outcome the provider's fixtures cover: a success first, then one per error
 * kind in core's order. Within an outcome a `preferred` name wins, else the first by name.
 *
 * @example
 * pickFixtures(fixtures, ['rest-primary-rate-limit-403']).map((f) => f.expected?.kind ?? 'success');
 * // ['success', 'authentication', 'permission', ...]
 */
export function pickFixtures(fixtures: readonly AdapterFixture[], preferred: readonly string[]): AdapterFixture[] {
  const rank = (f: AdapterFixture): number => {
    const at = preferred.indexOf(f.name);
    return at === -1 ? preferred.length : at;
  };
  const best = (candidates: AdapterFixture[]): AdapterFixture | undefined =>
    candidates.sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name))[0];
  const picked: AdapterFixture[] = [];
  const success = best(fixtures.filter((f) => f.expected === null));
  if (success !== undefined) picked.push(success);
  for (const kind of ERROR_KINDS) {
    const fixture = best(fixtures.filter((f) => f.expected?.kind === kind));
    if (fixture !== undefined) picked.push(fixture);
  }
  return picked;
}
