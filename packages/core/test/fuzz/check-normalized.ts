// The oracle of the fuzzers: what must hold for any response normalizeResponse is given.
import { inspect } from 'node:util';
import type { Adapter } from '../../src/adapter/types';
import { normalizeResponse, type ResponseInput } from '../../src/classify/normalize-response';
import { isApiError } from '../../src/errors/is-api-error';
import { isErrorKind } from '../../src/errors/kinds';

/**
 * Runs `normalizeResponse(adapter, input)` and every surface of its result a caller may touch (message,
 * JSON, problem details, the lazily built response, `util.inspect`). Returns what went wrong, or
 * `undefined`: a throw (a crash), a result that is neither `null` nor an `ApiError`, an unknown kind,
 * a NaN or negative wait, or a polluted `Object.prototype`.
 *
 * @example
 * const failure = checkNormalized(stripe, { status: 402, body: '{"error":' });
 */
export function checkNormalized(adapter: Adapter, input: ResponseInput): string | undefined {
  let result: unknown;
  try {
    result = normalizeResponse(adapter, input);
    if (result === null) return pollution();
    if (!isApiError(result)) return `returned ${inspect(result, { depth: 1 })}, neither null nor an ApiError`;
    const err = result;
    if (!isErrorKind(err.kind)) return `unknown kind ${String(err.kind)}`;
    if (typeof err.retryable !== 'boolean') return `retryable is ${typeof err.retryable}`;
    const wait = err.retryAfterMs;
    if (wait !== undefined && !(Number.isFinite(wait) && wait >= 0)) return `retryAfterMs is ${wait}`;
    const reset = err.rateLimit?.resetAt;
    if (reset !== undefined && !Number.isFinite(reset)) return `rateLimit.resetAt is ${reset}`;
    if (typeof err.message !== 'string' || err.message.length > 2_000)
      return `message of ${err.message.length} characters`;
    // The kept body is bounded (8 KiB of text); header values are kept whole, and a transport caps
    // them (16 KiB in Node), so the bound allows for what the headers brought.
    const json = JSON.stringify(err);
    const bound = 50_000 + 2 * headerChars(input.headers);
    if (json.length > bound) return `JSON.stringify gave ${json.length} characters (bound ${bound})`;
    JSON.stringify(err.toProblemDetails());
    void err.response?.body;
    inspect(err, { depth: 20 });
  } catch (thrown) {
    return `threw ${thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown)}`;
  }
  return pollution();
}

function headerChars(headers: ResponseInput['headers']): number {
  if (headers === undefined || headers === null) return 0;
  let n = 0;
  const add = (name: string, value: unknown) => {
    n += name.length + String(value).length;
  };
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      add(name, value);
    });
  } else for (const [name, value] of Object.entries(headers)) add(name, value);
  return n;
}

function pollution(): string | undefined {
  const probe = {} as Record<string, unknown>;
  return probe.polluted === undefined && probe.x === undefined ? undefined : 'Object.prototype was polluted';
}
