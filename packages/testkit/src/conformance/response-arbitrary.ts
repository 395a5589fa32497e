import type { Adapter } from '@rosetta/core';
import fc from 'fast-check';
import type { AdapterFixture } from './fixture';

/** One generated response, as `normalizeResponse()` takes it. */
export interface GeneratedResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly method: string;
  readonly url: string;
}

// Headers every classifier reads or could misread, whatever the provider.
const COMMON_HEADERS = [
  'retry-after',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-used',
  'x-ratelimit-resource',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-rate-limit-reset',
  'content-type',
  'content-encoding',
  'date',
  'x-request-id',
  'request-id',
];

// Numbers in the wrong unit, out of range or not numbers at all; dates in every spelling; media types.
const ODD_VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '1.5',
  '1e3',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '5, 6',
  '  7  ',
  '9007199254740993',
  '99999999999999999999999',
  'true',
  'false',
  'null',
  '[]',
  '{}',
  'soon',
  'Wed, 21 Oct 2015 07:28:00 GMT',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Fri, 31 Dec 9999 23:59:59 GMT',
  '2015-10-21T07:28:00Z',
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'application/gzip',
  'text/html',
  'text/plain',
  'gzip',
];

const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'];
const REMOVE = Symbol('remove');

/** Every header name the adapter declares it reads, and those its fixtures carry. */
function headerNames(adapter: Adapter, fixtures: readonly AdapterFixture[]): string[] {
  const names = new Set(COMMON_HEADERS);
  const add = (list: readonly (string | undefined)[] | undefined): void => {
    for (const name of list ?? []) if (name !== undefined) names.add(name.toLowerCase());
  };
  add(adapter.requestIdHeaders);
  add(adapter.retryHintHeaders);
  add(adapter.messageHeaders);
  add(adapter.credentialHeaders);
  const rl = adapter.rateLimitHeaders;
  add([rl?.limit, rl?.remaining, rl?.reset, rl?.scope]);
  for (const scheme of adapter.auth ?? []) if (scheme.type === 'header') add([scheme.header]);
  for (const fixture of fixtures) add(Object.keys(fixture.response.headers ?? {}));
  return [...names].sort();
}

function headerValue(fixtures: readonly AdapterFixture[]): fc.Arbitrary<string> {
  const nowSeconds = Math.floor(Date.now() / 1000);
  const fixtureValues = fixtures.flatMap((f) => Object.values(f.response.headers ?? {}));
  return fc.oneof(
    fc.constantFrom(...ODD_VALUES),
    fc.integer().map(String),
    fc.double().map(String),
    // Epoch seconds and epoch milliseconds near now: the units resets are confused in.
    fc.integer({ min: -1_000_000, max: 1_000_000 }).map((d) => String(nowSeconds + d)),
    fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map((d) => String(Date.now() + d)),
    fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    fc.string({ maxLength: 40 }),
    // Any code point, lone surrogates and controls included (fc's `binary` unit costs a second to build).
    fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 20 }).map((codes) => String.fromCodePoint(...codes)),
    ...(fixtureValues.length === 0 ? [] : [fc.constantFrom(...fixtureValues)]),
  );
}

function headerMap(adapter: Adapter, fixtures: readonly AdapterFixture[]): fc.Arbitrary<Record<string, string>> {
  const entry = fc.tuple(fc.constantFrom(...headerNames(adapter, fixtures)), headerValue(fixtures), fc.boolean());
  return fc.array(entry, { maxLength: 8 }).map((entries) => {
    const headers: Record<string, string> = {};
    // Names in any letter case: headers arrive as plain objects too.
    for (const [name, value, upper] of entries) headers[upper ? name.toUpperCase() : name] = value;
    return headers;
  });
}

/** Paths to every member of a JSON value (the root included), at most `depth` deep. */
function pathsOf(value: unknown, depth = 8, prefix: readonly PropertyKey[] = []): PropertyKey[][] {
  const paths: PropertyKey[][] = [[...prefix]];
  if (depth === 0 || typeof value !== 'object' || value === null) return paths;
  for (const key of Object.keys(value)) {
    const child = (value as Record<string, unknown>)[key];
    paths.push(...pathsOf(child, depth - 1, [...prefix, Array.isArray(value) ? Number(key) : key]));
  }
  return paths;
}

/** A copy of `root` with the member at `pick % paths` replaced by `replacement`, or removed. */
function mutate(root: unknown, pick: number, replacement: unknown): unknown {
  const paths = pathsOf(root);
  const path = paths[pick % paths.length] ?? [];
  if (path.length === 0) return replacement === REMOVE ? undefined : replacement;
  const copy = structuredClone(root) as Record<PropertyKey, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<PropertyKey, unknown>;
  const last = path[path.length - 1] as PropertyKey;
  if (replacement !== REMOVE) parent[last] = replacement;
  else if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete parent[last];
  return copy;
}

function body(fixtures: readonly AdapterFixture[]): fc.Arbitrary<unknown> {
  const known = fixtures.map((f) => f.response.body).filter((b) => b !== undefined);
  const base: fc.Arbitrary<unknown>[] = [
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 4 }),
    fc.string({ maxLength: 200 }),
    fc.uint8Array({ maxLength: 64 }),
  ];
  if (known.length === 0) return fc.oneof(...base);
  const operation = fc.tuple(fc.nat(), fc.oneof(fc.constant<unknown>(REMOVE), fc.jsonValue({ maxDepth: 2 })));
  const mutated = fc
    .tuple(fc.constantFrom(...known), fc.array(operation, { minLength: 1, maxLength: 3 }))
    .map(([start, operations]) =>
      operations.reduce<unknown>((b, [pick, replacement]) => mutate(b, pick, replacement), start),
    );
  return fc.oneof(
    ...base,
    fc.constantFrom(...known),
    mutated,
    // The same bodies as text, whole and cut short: what a proxy or a dropped connection delivers.
    mutated.map((b) => JSON.stringify(b) ?? ''),
    fc.tuple(mutated, fc.nat()).map(([b, cut]) => {
      const text = JSON.stringify(b) ?? '';
      return text.slice(0, cut % (text.length + 1));
    }),
  );
}

/**
 * Arbitrary responses for `adapter`: any status from 100 to 599, header maps mixing the adapter's
 * declared headers and the usual rate-limit ones with values in wrong units and garbage, and bodies
 * that are JSON values, text, bytes, or the fixtures' bodies mutated, re-serialized or truncated.
 */
export function responseArbitrary(
  adapter: Adapter,
  fixtures: readonly AdapterFixture[],
): fc.Arbitrary<GeneratedResponse> {
  const paths = [...new Set(['/', '/x?token=t', ...fixtures.map((f) => f.request.path)])];
  const statuses = [...new Set([200, 204, 429, 503, ...fixtures.map((f) => f.response.status)])];
  return fc.record({
    status: fc.oneof(fc.integer({ min: 100, max: 599 }), fc.constantFrom(...statuses)),
    headers: headerMap(adapter, fixtures),
    body: body(fixtures),
    method: fc.constantFrom(...METHODS),
    url: fc.constantFrom(...paths).map((path) => `${adapter.baseUrl}${path}`),
  });
}
