import { type Adapter, genericAdapter, normalizeResponse } from '@rosetta/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slack } from '../src/index';

// The hook answers `ok: true` and non-object bodies before running the envelope schema. These properties
// pin that shortcut to what the schema reading gives: a success stays a success, anything else is core's.

const read = (adapter: Adapter, status: number, body: unknown) =>
  normalizeResponse(adapter, { status, body, method: 'POST', url: `${slack.baseUrl}/chat.postMessage` });

const status = fc.constantFrom(200, 201, 400, 403, 429, 500, 503);

describe('slack envelopes answered before the schema runs', () => {
  it('keeps ok:true a success on a 2xx and core’s reading on any other status, whatever else it holds', () => {
    fc.assert(
      fc.property(status, fc.dictionary(fc.string(), fc.jsonValue()), (code, rest) => {
        const body = { ...rest, ok: true };
        const err = read(slack, code, body);
        const core = read(genericAdapter, code, body);
        if (code < 300) expect(err).toBeNull();
        else expect(err).toMatchObject({ kind: core?.kind, retryable: core?.retryable, code: core?.code });
      }),
    );
  });

  it('leaves bodies that are not objects to core', () => {
    // Text that does not start like JSON: core would parse `{...}` into an object first.
    const text = fc.string().map((s) => `text ${s}`);
    const notObject = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue()));
    fc.assert(
      fc.property(status, notObject, (code, body) => {
        const mine = read(slack, code, body);
        const core = read(genericAdapter, code, body);
        expect(mine?.kind).toBe(core?.kind);
        expect(mine?.retryable).toBe(core?.retryable);
      }),
    );
  });
});
