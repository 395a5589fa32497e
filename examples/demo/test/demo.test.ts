import { describe, expect, it } from 'vitest';
import { installedAdapterPackages, loadDemoProviders } from '../src/demo-providers';
import { type DemoResult, runDemo } from '../src/run-demo';

/** Every adapter in packages/adapters, all of them dependencies of the demo. */
const ADAPTERS = [
  'github',
  'google',
  'hubspot',
  'jira',
  'microsoft-graph',
  'notion',
  'salesforce',
  'shopify',
  'slack',
  'stripe',
  'twilio',
  'zendesk',
];
const MODELLED = ['stripe', 'github', 'slack'];

describe('loadDemoProviders', () => {
  it('finds every installed adapter through the dependencies, the simulator-modelled ones first', async () => {
    expect(installedAdapterPackages().sort()).toEqual(ADAPTERS.map((id) => `@rosetta/${id}`));
    const providers = await loadDemoProviders();
    expect(providers.map((p) => p.id).sort()).toEqual(ADAPTERS);
    expect(providers.slice(0, 3).map((p) => p.id)).toEqual(MODELLED);
    for (const p of providers) {
      expect(p.rateLimit !== undefined).toBe(MODELLED.includes(p.id) && p.id !== 'github');
      expect(Object.values(p.auth).join('')).toContain('FAKE');
    }
  });

  it('refuses an unknown --provider before starting anything', async () => {
    await expect(runDemo({ out: { write: () => true }, detail: ['nope'] })).rejects.toThrow(
      /unknown provider nope; installed: stripe, github, slack, google/,
    );
  });
});

describe('runDemo', () => {
  it('reads every fixture as its expected kind, survives the scenarios and drains 300 rate-limited calls', {
    timeout: 90_000,
  }, async () => {
    let printed = '';
    const result: DemoResult = await runDemo({ out: { write: (chunk: string) => (printed += chunk), isTTY: false } });

    // Catalogue: every installed provider, each with a success and an authentication row from its fixtures, and
    // the modelled three with several error kinds each; every one read as its fixture says.
    expect(new Set(result.providers)).toEqual(new Set(ADAPTERS));
    expect(new Set(result.rows.map((r) => r.provider))).toEqual(new Set(ADAPTERS));
    for (const provider of ADAPTERS) {
      const kinds = result.rows.filter((r) => r.provider === provider).map((r) => r.kind);
      expect(kinds).toEqual(expect.arrayContaining(['success', 'authentication']));
    }
    for (const provider of MODELLED) {
      const kinds = result.rows.filter((r) => r.provider === provider).map((r) => r.kind);
      expect(kinds).toContain('success');
      expect(kinds).toEqual(
        expect.arrayContaining(['authentication', 'permission', 'not_found', 'validation', 'rate_limited']),
      );
    }
    for (const row of result.rows)
      expect({ fixture: row.label, kind: row.kind }).toEqual({ fixture: row.label, kind: row.expectedKind });
    expect(result.mismatches).toEqual([]);

    // A server hint beyond maxRetryAfterMs fails fast; a retryable GET is retried up to maxRetries.
    const slackLimited = result.rows.find((r) => r.label === 'ratelimited-429');
    expect(slackLimited).toMatchObject({ attempts: 1, stopReason: 'retry_after_too_long', retryAfterMs: 30_000 });
    const githubLimited = result.rows.find((r) => r.label === 'rest-primary-rate-limit-403');
    expect(githubLimited).toMatchObject({ attempts: 1, stopReason: 'retry_after_too_long', hintFrom: 'reset' });
    expect(result.rows.find((r) => r.label === 'rest-service-unavailable')).toMatchObject({
      attempts: 4,
      retries: 3,
      stopReason: 'max_retries',
    });

    // Scenarios: outage then recovery, the seeded flaky sequence, a provider slower than the timeout.
    const [outage, flaky, slow] = result.scenarios;
    expect(outage?.kind).toBe('success');
    expect(outage?.attemptLog.at(0)).toBe('503');
    expect(outage?.attemptLog.at(-1)).toBe('200');
    expect(flaky).toMatchObject({ kind: 'success', attemptLog: ['network', '502', '200'], retries: 2 });
    expect(slow).toMatchObject({ kind: 'timeout', attempts: 4 });

    // Rate limit: every call through Rosetta's limiter succeeds, with fewer refusals than retries alone.
    expect(result.rateLimit).toMatchObject({ limiter: true, calls: 300, succeeded: 300, failed: 0 });
    expect(result.unlimited.limiter).toBe(false);
    expect(result.rateLimit.throttled).toBeLessThan(result.unlimited.throttled);
    expect(result.rateLimit.elapsedMs).toBeGreaterThanOrEqual(result.rateLimit.theoreticalMinMs * 0.9);
    // Per bucket: the spent core window held core calls only; the search calls meanwhile all went through.
    expect(Object.keys(result.rateLimit.waitsByBucket)).toEqual(['core']);
    expect(result.rateLimit.other.calls).toBeGreaterThan(0);
    expect(result.rateLimit.other.succeeded).toBe(result.rateLimit.other.calls);
    expect(result.ok).toBe(true);

    // What a person sees: the tables, plain text for a non-terminal, and no credential anywhere.
    expect(printed).toContain('what the vendor sent');
    expect(printed).toContain('gave up at once: Retry-After 30 s');
    expect(printed).toContain('300/300 calls');
    expect(printed).toContain('calls on another bucket never held');
    expect(printed).toContain('All good');
    expect(printed).not.toContain('\u001b[');
    for (const provider of await loadDemoProviders()) {
      for (const secret of Object.values(provider.auth)) expect(printed).not.toContain(secret);
    }
    // The compact default: the modelled providers in full, one summary line for each of the others.
    expect(printed).toContain('rest-primary-rate-limit-403');
    expect(printed).not.toContain('graphql-throttled-200');
    for (const provider of ADAPTERS.filter((id) => !MODELLED.includes(id))) {
      expect(printed).toMatch(new RegExp(`^${provider} +│ +(\\d+)/\\1 │ \\d+ success`, 'm'));
    }
  });
});
