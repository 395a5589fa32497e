import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../src/conformance/load-fixtures';
import { matchFixture } from '../src/simulator/match-fixture';

const fixturesOf = (id: string) => loadFixtures(new URL(`../../adapters/${id}/test/fixtures`, import.meta.url));
const slack = fixturesOf('slack');
const stripe = fixturesOf('stripe');
const github = fixturesOf('github');
const nameOf = (fixtures: ReturnType<typeof fixturesOf>, target: string) => matchFixture(fixtures, 'GET', target)?.name;

describe('matchFixture picks the page a pagination query asks for', () => {
  it('a request without a cursor never gets a later page, even one sorted first', () => {
    // conversations-list-last-page sorts before conversations-list-success and has the same path.
    expect(nameOf(slack, '/conversations.list')).toBe('conversations-list-success');
    expect(nameOf(slack, '/conversations.list?cursor=dGVhbTpDMDYxRkE1UEI%3D')).toBe('conversations-list-last-page');
  });

  it('compares queries decoded and in any order', () => {
    expect(nameOf(slack, '/users.list?cursor=dXNlcjpVMEc5V0ZYTlo=&limit=2')).toBe('users-list-page-2');
    expect(nameOf(stripe, '/v1/customers?starting_after=cus_FAKE0004&limit=2')).toBe('success-list-page-3');
    expect(nameOf(github, '/repositories/1300192/issues?page=2&per_page=2')).toBe('rest-list-issues-page-2');
  });

  it('the other query parameters rank fixtures of the same page, and do not exclude them', () => {
    expect(nameOf(stripe, '/v1/customers?starting_after=cus_FAKE0002')).toBe('success-list-page-2');
    expect(nameOf(github, '/repositories/1300192/issues?page=3')).toBe('rest-list-issues-page-3');
  });

  it('a page no fixture records is not answered by another page', () => {
    expect(nameOf(slack, '/users.list?cursor=bm90LWEtY3Vyc29y')).toBeUndefined();
    expect(nameOf(github, '/repositories/1300192/issues?per_page=2&page=9')).toBeUndefined();
  });
});
