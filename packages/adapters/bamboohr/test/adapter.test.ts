import { createClient, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { bamboohr } from '../src/index';

const URL_ = 'https://api.bamboohr.com/api/gateway.php/acme/v1/employees';

describe('bamboohr classification rules', () => {
  it('a 429 without Retry-After is the employee limit only on a POST; on a GET it is still throttling', () => {
    expect(normalizeResponse(bamboohr, { status: 429, method: 'POST', url: URL_ })).toMatchObject({
      kind: 'quota_exceeded',
      code: 'employee_limit',
      retryable: false,
    });
    expect(normalizeResponse(bamboohr, { status: 429, method: 'GET', url: URL_ })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
    });
  });

  it("the header's message wins over the body's, and a problem's code is kept", () => {
    const err = normalizeResponse(bamboohr, {
      status: 400,
      headers: { 'x-bamboohr-error-message': 'from the header', 'content-type': 'application/problem+json' },
      body: { title: 'Bad Request', detail: 'from the body', code: 'invalid_field' },
    });
    expect(err).toMatchObject({
      kind: 'validation',
      code: 'invalid_field',
      message: expect.stringContaining('from the header'),
    });
  });

  it('a provider message on a 406 or 409 replaces the documented one', () => {
    const err = normalizeResponse(bamboohr, {
      status: 406,
      headers: { 'x-bamboohr-error-message': 'Unknown field x' },
    });
    expect(err?.message).toContain('Unknown field x');
    expect(err?.code).toBe('nonexistent_field');
  });
});

describe('bamboohr requests', () => {
  it('sends the API key as the Basic username with the password "x", and asks for JSON', async () => {
    const t = createScriptedFetch([{ status: 200, body: { id: '1' } }]);
    const client = createClient(bamboohr, { fetch: t.fetch, auth: { apiKey: 'FAKE_bamboo_key' } });
    await client.get('/api/gateway.php/{company}/v1/employees/{id}', { params: { company: 'acme', id: '1' } });
    const headers = t.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Basic ${Buffer.from('FAKE_bamboo_key:x').toString('base64')}`);
    // Without it BambooHR answers XML; core asks for JSON on every request.
    expect(headers.accept).toBe('application/json');
    await client.close();
  });

  it('resends a throttled GET after its Retry-After and not a throttled POST (BambooHR does not say it was unprocessed)', async () => {
    const throttled = { status: 429, headers: { 'retry-after': '0' } };
    const t = createScriptedFetch([throttled, { status: 200, body: {} }, throttled, { status: 201 }]);
    const client = createClient(bamboohr, { fetch: t.fetch, auth: { apiKey: 'FAKE' }, retry: { baseDelayMs: 1 } });
    await client.get('/api/gateway.php/acme/v1/employees/1');
    await expect(client.post('/api/gateway.php/acme/v1/employees', { body: { firstName: 'A' } })).rejects.toMatchObject(
      {
        kind: 'rate_limited',
      },
    );
    expect(t.log).toEqual([
      'START GET /api/gateway.php/acme/v1/employees/1',
      'START GET /api/gateway.php/acme/v1/employees/1',
      'START POST /api/gateway.php/acme/v1/employees',
    ]);
    await client.close();
  });
});
