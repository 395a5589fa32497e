// The hostile-response generator shared by the fuzz test (a few thousand cases per adapter, in CI) and
// bench/fuzz.ts (100,000 per adapter, by hand). Deterministic per seed, so a crash found by either is
// replayed by its seed and index.
import type { ResponseInput } from '../../src/classify/normalize-response';
import { createSeededRandom } from '@rosetta/testkit';

/** One generated response and the family it was drawn from (for reports). */
export interface FuzzCase {
  readonly family: string;
  readonly input: ResponseInput;
}

/** Options of {@link createResponseGenerator}. */
export interface GeneratorOptions {
  /** @default 1 */
  readonly seed?: number;
  /**
   * Largest "huge" string, in characters. Kept moderate in the test suite.
   * @default 1_000_000
   */
  readonly hugeChars?: number;
  /**
   * Deepest nesting generated (parsed objects and JSON text).
   * @default 100_000
   */
  readonly maxDepth?: number;
}

const NOW_S = Math.floor(Date.now() / 1000);
const WEIRD_NUMBERS = [
  0,
  -1,
  -0,
  1e21,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  2 ** 53 + 1,
  0.5,
  1e-9,
];
const WEIRD_STRINGS = [
  '',
  ' ',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\u2028\u2029',
  '💥'.repeat(3),
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, on purpose.
  '${7*7}',
  '%s%n%x',
  '../../etc/passwd',
  'card_declined',
  'ratelimited',
  'RATE_LIMITED',
  'secondary rate limit',
  'API rate limit exceeded',
  'invalid_auth',
  'lock_timeout',
];
const HEADER_NAMES = [
  'retry-after',
  'retry-after-ms',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-used',
  'x-ratelimit-resource',
  'x-rate-limit-reset',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-reset',
  'content-type',
  'date',
  'x-request-id',
  'request-id',
  'x-github-request-id',
  'stripe-should-retry',
  'x-should-retry',
  'link',
  'x-accepted-github-permissions',
  'x-oauth-scopes',
  'x-accepted-oauth-scopes',
  'x-slack-req-id',
  'cf-ray',
  'www-authenticate',
  '__proto__',
  'constructor',
];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'application/problem+json',
  'application/vnd.github+json',
  'text/json',
  'text/html',
  'text/html; charset=iso-8859-1',
  'text/plain',
  'application/octet-stream',
  'application/xml',
  'multipart/form-data; boundary=x',
  ';;;',
  '',
];
const URLS = [
  'https://api.stripe.com/v1/charges',
  'https://api.stripe.com/v2/core/accounts',
  'https://api.stripe.com/v1/oauth/token',
  'https://connect.stripe.com/oauth/token',
  'https://api.github.com/repos/a/b',
  'https://api.github.com/graphql',
  'https://ghe.example.com/api/graphql',
  'https://slack.com/api/chat.postMessage',
  'https://slack.com/api/admin.analytics.getFile',
  'https://api.example.com/x?api_key=secret&page=2',
  'https://user:pass@api.example.com/x',
  '/relative/path',
  'not a url at all',
  '',
  'javascript:alert(1)',
];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'get', 'BREW', ''];

/**
 * Creates a generator of hostile responses: statuses in and out of range, headers in wrong units and
 * types, provider-shaped bodies with every member of the wrong type, random JSON, invalid UTF-8 bytes,
 * huge strings and deep nesting, as parsed values and as text.
 *
 * @example
 * const next = createResponseGenerator({ seed: 7 });
 * for (let i = 0; i < 1000; i++) normalizeResponse(stripe, next().input);
 */
export function createResponseGenerator(options: GeneratorOptions = {}): () => FuzzCase {
  const random = createSeededRandom(options.seed ?? 1);
  const hugeChars = options.hugeChars ?? 1_000_000;
  const maxDepth = options.maxDepth ?? 100_000;
  const int = (min: number, max: number): number => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;

  // Built once: the expensive payloads are shared between cases, as a fuzzer's corpus would be.
  const huge = 'x'.repeat(hugeChars);
  const hugeJson = JSON.stringify({ error: { message: huge, code: 'big' } });
  const deepArraysText = `${'['.repeat(maxDepth)}${']'.repeat(maxDepth)}`;
  const deepObjectsText = `${'{"error":'.repeat(maxDepth)}1${'}'.repeat(maxDepth)}`;
  const deepParsed = (() => {
    let node: unknown = { message: 'bottom' };
    for (let i = 0; i < maxDepth; i++) node = i % 2 === 0 ? { error: node, errors: [node] } : [node];
    return node;
  })();

  const scalar = (): unknown => {
    switch (int(0, 6)) {
      case 0:
        return pick(WEIRD_NUMBERS);
      case 1:
        return int(-1e6, 1e6);
      case 2:
        return pick(WEIRD_STRINGS);
      case 3:
        return chance(0.5);
      case 4:
        return null;
      case 5:
        return randomText(int(0, 40));
      default:
        return chance(0.01) ? huge : pick(WEIRD_STRINGS);
    }
  };
  const randomText = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(chance(0.9) ? int(32, 126) : int(0, 0xffff));
    return s;
  };
  const json = (depth: number): unknown => {
    if (depth > 4 || chance(0.35)) return scalar();
    if (chance(0.5)) return Array.from({ length: int(0, 4) }, () => json(depth + 1));
    const out: Record<string, unknown> = {};
    for (let i = int(0, 5); i > 0; i--) out[chance(0.3) ? pick(WEIRD_STRINGS) : pick(KEYS)] = json(depth + 1);
    return out;
  };
  /** A value that is the wrong type for whatever member it lands in, most of the time. */
  const wrong = (): unknown => (chance(0.3) ? json(2) : scalar());

  const providerShaped = (): unknown => {
    switch (int(0, 7)) {
      case 0: // Stripe
        return {
          error: {
            type: pick([wrong(), 'card_error', 'invalid_request_error', 'api_error', 'idempotency_error']),
            code: wrong(),
            decline_code: wrong(),
            message: wrong(),
            param: wrong(),
            doc_url: wrong(),
          },
        };
      case 1: // Stripe OAuth
        return { error: pick([wrong(), 'invalid_grant', 'invalid_client']), error_description: wrong() };
      case 2: // GitHub REST
        return {
          message: wrong(),
          documentation_url: wrong(),
          errors: chance(0.5) ? [{ resource: wrong(), field: wrong(), code: wrong() }, wrong()] : wrong(),
          status: wrong(),
        };
      case 3: // GitHub GraphQL
        return {
          data: wrong(),
          errors: chance(0.7)
            ? [
                {
                  type: pick([wrong(), 'RATE_LIMITED', 'NOT_FOUND', 'FORBIDDEN']),
                  message: wrong(),
                  path: wrong(),
                  locations: wrong(),
                },
              ]
            : wrong(),
        };
      case 4: // Slack
        return {
          ok: pick([false, true, wrong()]),
          error: pick([wrong(), 'ratelimited', 'invalid_auth', 'missing_scope']),
          needed: wrong(),
          provided: wrong(),
          response_metadata: chance(0.5) ? { messages: wrong(), warnings: wrong(), next_cursor: wrong() } : wrong(),
          warning: wrong(),
        };
      case 5: // RFC 9457
        return { type: wrong(), title: wrong(), status: wrong(), detail: wrong(), instance: wrong(), errors: wrong() };
      case 6: // Google / Salesforce shapes
        return chance(0.5)
          ? {
              error: {
                code: wrong(),
                message: wrong(),
                status: wrong(),
                details: [wrong(), { '@type': wrong(), reason: wrong() }],
              },
            }
          : [{ message: wrong(), errorCode: wrong(), fields: wrong() }];
      default:
        return json(0);
    }
  };

  const headerValue = (name: string): unknown => {
    switch (int(0, 9)) {
      case 0:
        return String(pick(WEIRD_NUMBERS));
      case 1: // seconds, epoch seconds, epoch ms, in the wrong header
        return String(pick([NOW_S, NOW_S * 1000, NOW_S + 60, 60, 3600 * 24 * 400, -30, 0.001]));
      case 2:
        return pick([
          'Thu, 01 Jan 1970 00:00:00 GMT',
          'Sun, 06 Nov 1994 08:49:37 GMT',
          'Sunday, 06-Nov-94 08:49:37 GMT',
          'Sun Nov  6 08:49:37 1994',
          new Date(Date.now() + 5000).toUTCString(),
          'Fri, 31 Dec 9999 23:59:59 GMT',
          '2025-13-45T99:99:99Z',
        ]);
      case 3:
        return pick([
          'soon',
          'true',
          'false',
          'TRUE',
          'yes',
          '1, 2',
          '5, soon',
          'limit=10, remaining=0, reset=5',
          '"x";r=0;t=10',
          '<https://x/?page=2>; rel="next"',
        ]);
      case 4:
        return name === 'content-type' ? pick(CONTENT_TYPES) : randomText(int(0, 30));
      case 5:
        return [String(int(0, 100)), pick(WEIRD_STRINGS)];
      case 6:
        return int(-100, 1e10);
      case 7:
        return chance(0.1) ? huge.slice(0, 100_000) : randomText(int(50, 300));
      case 8:
        return null;
      default:
        return undefined;
    }
  };
  const headers = (): Record<string, unknown> | Headers => {
    const out: Record<string, unknown> = Object.create(null);
    for (let i = int(0, 8); i > 0; i--) {
      const name = pick(HEADER_NAMES);
      out[chance(0.2) ? name.toUpperCase() : name] = headerValue(name);
    }
    if (chance(0.1)) {
      const real = new Headers();
      for (const [k, v] of Object.entries(out)) {
        if (typeof v === 'string' && !/[\r\n\0]/.test(v) && v.trim() === v && /^[\x21-\x7e]+$/.test(k)) {
          try {
            real.append(k, v);
          } catch {
            // Not a legal header value for Headers: the plain object form still carries it.
          }
        }
      }
      return real;
    }
    return out;
  };

  const invalidUtf8 = (): Uint8Array => {
    const bytes = new Uint8Array(int(12, 200));
    for (let i = 0; i < bytes.length; i++) bytes[i] = int(0, 255);
    if (chance(0.5)) bytes.set(new TextEncoder().encode('{"error":"'), 0);
    return bytes;
  };

  const body = (): readonly [string, unknown] => {
    switch (int(0, 15)) {
      case 0:
      case 1:
      case 2:
        return ['provider-shaped', providerShaped()];
      case 3:
        return ['provider-shaped-text', JSON.stringify(providerShaped())];
      case 4:
        return ['random-json', json(0)];
      case 5:
        return ['scalar', scalar()];
      case 6:
        return ['invalid-utf8', chance(0.5) ? invalidUtf8() : invalidUtf8().buffer];
      case 7:
        return [
          'html',
          `<html><head><title>${randomText(int(0, 300))}</title></head><body>${chance(0.05) ? huge : randomText(100)}</body></html>`,
        ];
      case 8:
        return [
          'broken-json',
          pick([
            '{"error":',
            '{"a":1}{',
            '[1,2',
            '{"message":"\\ud800"}',
            '\uFEFF{"ok":false}',
            'NaN',
            '{"a":1e999999}',
            `{"error":"${'\\'.repeat(99)}"}`,
          ]),
        ];
      case 9:
        return ['huge', chance(0.5) ? huge : hugeJson];
      case 10:
        return ['deep-text', chance(0.5) ? deepArraysText : deepObjectsText];
      case 11:
        return ['deep-parsed', chance(0.5) ? deepParsed : { ok: false, error: deepParsed, errors: [deepParsed] }];
      case 12:
        return [
          'odd-values',
          pick<unknown>([
            undefined,
            () => 1,
            Symbol('x'),
            10n,
            new Date(0),
            new Map([[1, 2]]),
            new Uint16Array([0xd800, 0xdc00]),
            Object.create(null),
            [],
          ]),
        ];
      case 13:
        return [
          'pollution',
          pick([
            '{"__proto__":{"polluted":true},"error":{"__proto__":{"x":1}}}',
            JSON.parse('{"__proto__":{"polluted":true},"message":"x"}'),
            { constructor: { prototype: { polluted: true } }, ok: false },
          ]),
        ];
      case 14:
        return ['text', randomText(int(0, 2000))];
      default:
        return ['empty', pick<unknown>(['', '   ', '\r\n', undefined, new Uint8Array(0)])];
    }
  };

  const status = (): number => {
    const r = random();
    if (r < 0.05) return pick([0, -1, 99, 600, 999, 1e9, 200.5, Number.NaN, Number.POSITIVE_INFINITY]);
    if (r < 0.3) return pick([200, 201, 204, 400, 401, 402, 403, 404, 409, 422, 429, 500, 502, 503, 504]);
    return int(100, 599);
  };

  return () => {
    const [family, value] = body();
    const input: ResponseInput = {
      status: status(),
      headers: headers() as NonNullable<ResponseInput['headers']>,
      body: value,
      ...(chance(0.8) ? { method: pick(METHODS) } : {}),
      ...(chance(0.8) ? { url: pick(URLS) } : {}),
    };
    return { family, input };
  };
}

const KEYS = [
  'error',
  'errors',
  'message',
  'code',
  'type',
  'status',
  'detail',
  'title',
  'ok',
  'data',
  'param',
  'field',
  'fields',
  'reason',
  'response_metadata',
  'error_description',
  'documentation_url',
  'details',
  'extensions',
];
