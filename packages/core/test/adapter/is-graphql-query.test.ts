// Which GraphQL request bodies isGraphqlQuery calls reads. The documents follow the GraphQL spec's grammar
// (https://spec.graphql.org/October2021/#sec-Language.Operations, "Query shorthand"; §2.1.7 Comments; §2.9.4 String
// Value); the bodies are the GraphQL-over-HTTP POST shape `{ query, variables, operationName }`.
import { describe, expect, it } from 'vitest';
import { isGraphqlQuery } from '../../src/adapter/is-graphql-query';

describe('isGraphqlQuery', () => {
  it.each([
    ['the query shorthand', '{ viewer { id } }'],
    ['a named query with variables', 'query Issue($id: String!) { issue(id: $id) { id title } }'],
    ['an anonymous query', 'query { viewer { id } }'],
    ['a query and a fragment', 'query { viewer { ...F } } fragment F on User { id name }'],
    ['fields named mutation and subscription inside the selection', '{ mutation { id } subscription { id } }'],
    [
      'the word mutation in a string argument',
      '{ issues(filter: { title: { eq: "} mutation {" } }) { nodes { id } } }',
    ],
    ['a block string holding braces and quotes', '{ search(term: """ } mutation \\""" { """) { id } }'],
    ['a comment holding a mutation', '# mutation { issueDelete }\n{ viewer { id } }'],
    ['two queries (operationName picks one)', 'query A { a } query B { b }'],
    ['an operation whose name only starts with a keyword', 'query subscription2Status { a }'],
    ['a closing brace in a string', '{ search(term: "}") { id } }'],
    ['an escaped quote in a string', '{ search(term: "} \\" {") { id } }'],
    ['a block string holding a quoted word', '{ search(term: """ say "} hi" { """) { id } }'],
  ])('%s is a read', (_label, query) => {
    expect(isGraphqlQuery({ query, variables: {} })).toBe(true);
  });

  it.each([
    ['a mutation', 'mutation { issueCreate(input: {}) { success } }'],
    ['a subscription', 'subscription { issueUpdated { id } }'],
    ['a mutation after a comment', '# creates an issue\nmutation { issueCreate(input: {}) { success } }'],
    [
      'a mutation after a fragment',
      'fragment F on Issue { id } mutation M { issueCreate(input: {}) { issue { ...F } } }',
    ],
    ['a query beside a mutation, whichever operationName picks', 'query Q { viewer { id } } mutation M { a }'],
    ['a stray closing brace before a mutation', '{ a } } mutation { b }'],
    ['unbalanced braces', '{ viewer { id }'],
    ['a closing brace too many, balanced later', '{ a } } mutation { b } {'],
    ['a string running past its line (it cannot)', '{ a(t: "x\n} mutation { b(t: "y") }'],
    ['a string that hides nothing: an unterminated quote', '{ a(t: "x) } mutation { b }'],
  ])('%s is not', (_label, query) => {
    expect(isGraphqlQuery({ query, operationName: 'Q' })).toBe(false);
  });

  it.each([
    ['no body', undefined],
    ['null', null],
    ['a pre-encoded string', JSON.stringify({ query: '{ viewer { id } }' })],
    ['a persisted query sent by hash alone', { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab12' } } }],
    ['a non-string query', { query: ['{ viewer { id } }'] }],
    ['a batch', [{ query: '{ viewer { id } }' }]],
  ])('%s is not', (_label, body) => {
    expect(isGraphqlQuery(body)).toBe(false);
  });
});
