import { normalizeResponse } from '@rosetta/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { github } from '../src/index';

const NOW = Date.parse('2024-05-01T12:00:00Z');
const EXHAUSTED = { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 600) };

function graphql(url: string, body: unknown, headers: Record<string, string> = {}) {
  return normalizeResponse(github, {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
    body,
    method: 'POST',
    url,
  });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('GraphQL routing without parsing every URL', () => {
  const notFound = { data: null, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve' }] };

  it('routes a path the URL parser only spells /graphql once it drops a tab or newline', () => {
    expect(graphql('https://api.github.com/graph\tql', notFound)?.kind).toBe('not_found');
    expect(graphql('https://api.github.com/graphq\nl/', notFound)?.kind).toBe('not_found');
  });

  it('leaves URLs that merely mention graphql elsewhere to REST', () => {
    expect(graphql('https://api.github.com/repos/graphql/graphql-js', notFound)).toBeNull();
    expect(graphql('https://api.github.com/search?q=graphql', notFound)).toBeNull();
  });
});

describe('rate limits inside a GraphQL 200, where core has no reading of its own', () => {
  it('waits until x-ratelimit-reset for a RATE_LIMITED error', () => {
    vi.setSystemTime(NOW);
    const err = graphql(
      'https://api.github.com/graphql',
      { errors: [{ type: 'RATE_LIMITED', message: 'slow down' }] },
      EXHAUSTED,
    );
    expect(err).toMatchObject({ kind: 'rate_limited', code: 'RATE_LIMITED', retryAfterMs: 600_000 });
  });

  it('waits until the reset for a secondary limit once the quota is spent', () => {
    vi.setSystemTime(NOW);
    const body = { errors: [{ message: 'You have exceeded a secondary rate limit.' }] };
    expect(graphql('https://api.github.com/graphql', body, EXHAUSTED)?.retryAfterMs).toBe(600_000);
  });
});
