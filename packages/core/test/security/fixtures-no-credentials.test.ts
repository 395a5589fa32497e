// docs/reliability.md 7: recorded fixtures and test snapshots hold no real credential. Every fixture and snapshot
// file of the repository is scanned, so a fixture recorded from a live account cannot slip in.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', '.turbo', '.git', 'coverage']);
const DATA_DIRS = new Set(['fixtures', '__snapshots__', 'recordings', 'cassettes']);

/** Shapes of live credentials, by issuer. Fixture placeholders (`sk_test_123`, `xoxb-...`) are too short to match. */
const CREDENTIAL_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Stripe secret or restricted key', /\b[rs]k_(live|test)_[0-9A-Za-z]{20,}/],
  ['Stripe webhook secret', /\bwhsec_[0-9A-Za-z]{24,}/],
  ['GitHub token', /\b(gh[pousr]_[0-9A-Za-z]{36,}|github_pat_[0-9A-Za-z_]{60,})/],
  ['Slack token', /\bxox[abposr]-\d{6,}-[0-9A-Za-z-]{10,}/],
  ['Slack webhook', /hooks\.slack\.com\/services\/T[0-9A-Z]{6,}\/B[0-9A-Z]{6,}\/[0-9A-Za-z]{16,}/],
  ['AWS access key', /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}\b/],
  ['OpenAI or Anthropic key', /\bsk-(proj-|ant-)?[0-9A-Za-z_-]{32,}/],
  ['JSON Web Token', /\beyJ[0-9A-Za-z_-]{10,}\.eyJ[0-9A-Za-z_-]{10,}\.[0-9A-Za-z_-]{10,}/],
  ['private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  [
    'bearer token in a header value',
    /"authorization"\s*:\s*"(Bearer|Basic|token) (?!YOUR_|<|\$\{|\[REDACTED\])[0-9A-Za-z._~+/=-]{16,}"/i,
  ],
  ['credential in a URL', /https?:\/\/[^\s/:@"]+:[^\s/@"]{8,}@/],
];

function* dataFiles(dir: string, inData = false): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* dataFiles(path, inData || DATA_DIRS.has(entry.name));
    else if (inData || entry.name.endsWith('.snap')) yield path;
  }
}

/** Names of the patterns `text` matches. */
function credentialsIn(text: string): string[] {
  return CREDENTIAL_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

describe('fixtures and snapshots hold no real credential (FAULTS 7)', () => {
  const files = [...dataFiles(join(ROOT, 'packages')), ...dataFiles(join(ROOT, 'examples'))];

  it('finds the fixture directories it is meant to guard', () => {
    const rel = files.map((f) => relative(ROOT, f));
    for (const adapter of ['stripe', 'github', 'slack']) {
      expect(rel.some((f) => f.startsWith(join('packages', 'adapters', adapter, 'test', 'fixtures')))).toBe(true);
    }
  });

  it('no fixture or snapshot matches a live credential shape', () => {
    const found = files.flatMap((file) =>
      credentialsIn(readFileSync(file, 'utf8')).map((name) => `${relative(ROOT, file)}: ${name}`),
    );
    expect(found).toEqual([]);
  });

  it('the patterns catch real-looking credentials (built here so this file holds none)', () => {
    const r = (n: number, alphabet = 'aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY') =>
      Array.from({ length: n }, (_, i) => alphabet[(i * 7) % alphabet.length]).join('');
    const samples = [
      `sk_${'live'}_${r(24)}`,
      `gh${'p'}_${r(36)}`,
      `xox${'b'}-1234567890-${r(24)}`,
      `AK${'IA'}${r(16, 'ABCDEFGHJKLMNPQRSTUVWXYZ234567')}`,
      `ey${'J'}${r(20)}.ey${'J'}${r(20)}.${r(20)}`,
      `{"authorization": "Bearer ${r(32)}"}`,
      `https://user:${r(12)}@api.example.com/`,
    ];
    for (const sample of samples) expect(credentialsIn(sample), sample).not.toEqual([]);
    // The placeholders fixtures use must not trip it.
    for (const placeholder of [
      'sk_test_123',
      'xoxb-***',
      'Bearer YOUR_SECRET_KEY',
      '{"authorization": "[REDACTED]"}',
      'ghp_xxx',
    ]) {
      expect(credentialsIn(placeholder), placeholder).toEqual([]);
    }
  });
});
