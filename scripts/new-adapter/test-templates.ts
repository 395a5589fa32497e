import type { AdapterNames } from './names';

/** The notes of the fixture template: the format and the citation rule, where the author copies it. */
const TEMPLATE_NOTES = [
  'Copy this file to test/fixtures/<name>.json (loadFixtures reads *.json only, so this template is never loaded).',
  '`name`: kebab-case, equal to the file name.',
  '`source` (required, never empty): where this exact body comes from - the docs URL (with its #section), or the',
  'official SDK as `owner/repo path/to/file.ts` and the function or test; never invent a body shape.',
  '`notes`: what is verified and what is inferred. Ids and tokens are FAKE, never real ones.',
  '`now` (optional): the time reset headers are read against. `expected`: null for a success, else the reading',
  'Rosetta must give: kind and retryable, and code, retryAfterMs, requestId, fieldErrors, messageIncludes when they apply.',
].join(' ');

/**
 * The `test/` of a new adapter: the conformance suite, the body-schema test (every fixture held to the zod
 * schema and the run-time reader, a property test, the zod-free bundle check), the limits citation check and the
 * fixture template. The suites fail until the author adds fixtures and cites the limits: a scaffold cannot ship.
 */
export function testFiles(n: AdapterNames, seed: number): Record<string, string> {
  const { id, camel, pascal, display } = n;
  const template = {
    name: 'thing-not-found',
    source: `The docs URL or official SDK file that shows this body (${display}'s error reference, #section)`,
    notes: TEMPLATE_NOTES,
    request: { method: 'GET', path: '/v1/things/thing_FAKE' },
    response: {
      status: 404,
      headers: { 'content-type': 'application/json' },
      body: { code: 'not_found', message: 'No such thing: thing_FAKE' },
    },
    expected: { kind: 'not_found', code: 'not_found', retryable: false, messageIncludes: 'No such thing' },
  };
  return {
    'test/fixtures/TEMPLATE.json.example': `${JSON.stringify(template, null, 2)}\n`,
    'test/conformance.test.ts': `import { loadFixtures } from '@rosetta/testkit';
import { describeAdapterConformance } from '@rosetta/testkit/vitest';
import { ${camel} } from '../src/index';

describeAdapterConformance(${camel}, { fixtures: loadFixtures(new URL('./fixtures', import.meta.url)) });
`,
    'test/limits.test.ts': `import { limiterHarness, uncitedBuckets } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { ${camel}Limits } from '../src/limits';

// Core's in-process limiter over the declared buckets: \`burst\` counts what each request gets through at once.
const { request, burst } = limiterHarness(${camel}Limits);

describe('${camel}Limits', () => {
  it('every bucket cites the https page its numbers come from', () => {
    expect(uncitedBuckets(${camel}Limits)).toEqual([]);
  });

  it('admits the documented burst at once, then makes the next call wait', () => {
    // Set to what the cited page allows at once; add one burst per bucket and scope (per method, per account, ...).
    expect(burst([request('GET', '/items')])).toEqual([10]);
  });
});
`,
    'test/body-schemas.test.ts': `import { loadFixtures } from '@rosetta/testkit';
import { expectBundleWithoutZod } from '@rosetta/testkit/vitest';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { read${pascal}Error } from '../src/${id}-error-body';
import { ${camel}ErrorSchema } from '../src/schemas';

// src/schemas.ts declares ${display}'s bodies; src/${id}-error-body.ts reads them at run time without zod. Every
// fixture is held to both, so a fixture of the wrong shape, or a reader that drifts from the schema, fails here.

/** What the reader makes of a body the schema accepted: the members it reads. */
function expectedError(body: unknown): unknown {
  const { code, message } = ${camel}ErrorSchema.parse(body);
  return { code, message };
}

const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = ${seed};

describe('${id} body schemas and the run-time reader', () => {
  it.each(fixtures.map((f) => [f.name, f] as const))('%s matches the declared shape', (_, fixture) => {
    const body = fixture.response.body;
    if (typeof body !== 'object' || body === null) {
      // An HTML page, a text body or none: no error body, for the reader either.
      expect(read${pascal}Error(body)).toBeUndefined();
    } else if (fixture.expected === null) {
      // A success: no error shape, for the schema and the reader alike.
      expect(${camel}ErrorSchema.safeParse(body).success).toBe(false);
      expect(read${pascal}Error(body)).toBeUndefined();
    } else {
      expect(read${pascal}Error(body)).toEqual(expectedError(body));
    }
  });

  it(\`reads every body the schema accepts as the schema does (seed \${SEED})\`, () => {
    const member = fc.oneof(fc.string(), fc.constant(null), fc.jsonValue());
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('code', 'message', 'other'), member), (body) => {
        if (${camel}ErrorSchema.safeParse(body).success) expect(read${pascal}Error(body)).toEqual(expectedError(body));
        // Leniency the schema does not have: a member of another type costs that member only.
        const read = read${pascal}Error(body);
        if (read !== undefined) expect(read.message).toBe(typeof body.message === 'string' ? body.message : undefined);
      }),
      { seed: SEED },
    );
  });

  it('src/index.ts bundles without zod', () => expectBundleWithoutZod(new URL('../src/index.ts', import.meta.url)));
});
`,
  };
}
