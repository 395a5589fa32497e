// GraphQL queries are reads, mutations are writes: "The query type defines GraphQL operations that retrieve data from
// the server" (https://docs.github.com/en/graphql/reference/queries); a mutation "is analogous to performing HTTP verbs
// such as POST, PATCH, and DELETE" (https://docs.github.com/en/graphql/reference/mutations). Both travel as POST
// /graphql; the adapter's safeToRepeat lets a query, and only a query, be resent after a retryable failure.
import { type AdapterFixture, createScriptedClient, loadFixtures } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { github } from '../src/index';

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const byName = (name: string) => (fixtures.find((f) => f.name === name) as AdapterFixture).response;
const gateway = byName('graphql-bad-gateway-timeout');
const success = byName('graphql-success');
/** The gateway's 502, then a success, to a client that resends at once. */
const failingOnce = () => createScriptedClient(github, [gateway, success], { auth: { token: 'FAKE' } });
// The "Example mutation" of https://docs.github.com/en/graphql/guides/forming-calls-with-graphql: a query to find the
// issue, then the mutation that reacts to it.
const QUERY = 'query FindIssueID { repository(owner:"octocat", name:"Hello-World") { issue(number:349) { id } } }';
const MUTATION =
  'mutation AddReactionToIssue { addReaction(input:{subjectId:"MDU6SXNzdWUyMzEzOTE1NTE=",content:HOORAY}) { reaction { content } subject { id } } }';

describe('a GraphQL query is safe to repeat, a mutation is not', () => {
  it.each(['/graphql', '/api/graphql'])('a query on %s that got a 502 is resent', async (path) => {
    const t = failingOnce();
    await expect(t.client.post(path, { body: { query: QUERY } })).resolves.toEqual(success.body);
    expect(t.log).toHaveLength(2);
  });

  it('the shorthand { viewer { login } } is a query', async () => {
    const t = failingOnce();
    await t.client.post('/graphql', { body: { query: '{ viewer { login } }' } });
    expect(t.log).toHaveLength(2);
  });

  it('a mutation that got a 502 is sent once and may have been processed', async () => {
    const t = failingOnce();
    await expect(t.client.post('/graphql', { body: { query: MUTATION } })).rejects.toMatchObject({
      kind: 'unavailable',
      attempts: 1,
      possiblyProcessed: true,
    });
    expect(t.log).toHaveLength(1);
  });

  it('both operations of that example in one document are not a read, whichever operationName picks', async () => {
    const body = { query: `${QUERY}\n\n${MUTATION}`, operationName: 'FindIssueID' };
    await expect(failingOnce().client.post('/graphql', { body })).rejects.toMatchObject({
      attempts: 1,
      possiblyProcessed: true,
    });
  });

  it('a REST POST is never a query, whatever its body holds', async () => {
    const body = { title: 'x', query: '{ viewer { login } }' };
    await expect(failingOnce().client.post('/repos/octocat/hello-world/issues', { body })).rejects.toMatchObject({
      attempts: 1,
    });
  });
});
