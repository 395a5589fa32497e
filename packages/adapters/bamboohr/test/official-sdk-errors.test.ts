import { createClient, normalizeError, normalizeResponse } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { bamboohr } from '../src/index';

// BambooHR has no official Node SDK: its "Official SDKs" page (https://documentation.bamboohr.com/docs/sdks) lists PHP
// (BambooHR/bhr-api-php) and Python (BambooHR/bhr-api-python), .NET and Java as unmaintained legacy. So the adapter
// declares no `sdkError`, and these tests pin Rosetta's decisions against what the two official SDKs do instead:
// bhr-api-php@a6a10ca26972470d31d494b9caaf7e5db9eaf945 lib/Configuration.php `retryableStatusCodes` [408, 429, 504,
// 598], `retries` 1, lib/ApiHelper.php `sendRequestWithRetries` (any method, usleep 100 ms x 2^n, no Retry-After);
// bhr-api-python@3d4de069ccfc5c93c3b8293327216a6ec822a6ee bamboohr_sdk/api_helper.py (the same list and delays).
const URL_ = 'https://api.bamboohr.com/api/gateway.php/acme/v1/employees';

describe('BambooHR’s official SDKs (PHP, Python; none for Node)', () => {
  it('has no SDK error to read: normalizeError gives null for any error that is not a client.fetch rejection', () => {
    expect(bamboohr.sdkError).toBeUndefined();
    expect(normalizeError(bamboohr, Object.assign(new Error('x'), { status: 429, headers: {} }))).toBeNull();
  });

  it('waits a 429’s Retry-After, where the SDKs resend after 100 ms', () => {
    // "Every rate-limited response includes a Retry-After header" (planned-changes-to-the-api).
    const err = normalizeResponse(bamboohr, {
      status: 429,
      headers: { 'retry-after': '30' },
      method: 'GET',
      url: URL_,
    });
    expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 30_000 });
  });

  it('does not resend a POST after a 504 or a 429 without Retry-After, which both SDKs do for any method', async () => {
    // A 504 may come after the employee was created; a POST's 429 without Retry-After is the plan's employee limit,
    // which no wait lifts (classify-bamboohr.ts). The SDKs resend both once.
    const t = createScriptedFetch([{ status: 504 }, { status: 429 }]);
    const client = createClient(bamboohr, { fetch: t.fetch, auth: { apiKey: 'FAKE' }, retry: { baseDelayMs: 1 } });
    const post = () => client.post('/api/gateway.php/acme/v1/employees', { body: { firstName: 'A' } });
    await expect(post()).rejects.toMatchObject({ kind: 'unavailable', attempts: 1 });
    await expect(post()).rejects.toMatchObject({ kind: 'quota_exceeded', code: 'employee_limit', attempts: 1 });
    expect(t.log).toEqual([
      'START POST /api/gateway.php/acme/v1/employees',
      'START POST /api/gateway.php/acme/v1/employees',
    ]);
    await client.close();
  });
});
