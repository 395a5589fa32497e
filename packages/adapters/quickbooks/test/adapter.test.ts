import { createClient, normalizeResponse } from '@rosetta/core';
import { classifyContext, loadFixtures } from '@rosetta/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickbooks, quickbooksUrl, quickbooksWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts; these pin each rule.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));
const SEED = 20261128;
const BASE = 'https://quickbooks.api.intuit.com/v3/company/9130355555555555';

function normalize(
  status: number,
  body: unknown,
  options: { method?: string; path?: string; headers?: Record<string, string> } = {},
) {
  const type =
    body === undefined ? {} : { 'content-type': typeof body === 'string' ? 'application/xml' : 'application/json' };
  return normalizeResponse(quickbooks, {
    status,
    headers: { ...type, ...options.headers },
    body,
    method: options.method ?? 'POST',
    url: `${BASE}${options.path ?? '/invoice'}`,
  });
}

const fault = (code: string, extra: Record<string, unknown> = {}, type = 'ValidationFault') => ({
  Fault: { Error: [{ Message: `of ${code}`, code, ...extra }], type },
  time: '2026-11-28T09:17:31.892-08:00',
});
const xml = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3">${inner}</IntuitResponse>`;
const jsonResponse = (body: unknown, init: ResponseInit = {}): Response =>
  new Response(JSON.stringify(body), { ...init, headers: { 'content-type': 'application/json', ...init.headers } });

describe('quickbooks fixtures', () => {
  it('are at least 20, and hold no real-looking token', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
    for (const fixture of fixtures) {
      // OAuth 2.0 access tokens are long JWT-like strings; fixtures carry FAKE values only.
      expect(JSON.stringify(fixture), fixture.name).not.toMatch(/eyJ[A-Za-z0-9_-]{20,}|\b[A-Za-z0-9]{40,}\b/);
    }
  });
});

describe('Fault codes over statuses and types', () => {
  it('reads each code the status hides as its kind', () => {
    const table: [string, string, boolean][] = [
      ['610', 'not_found', false],
      ['5010', 'conflict', false],
      ['6240', 'conflict', false],
      ['6140', 'conflict', false],
      ['6190', 'payment_required', false],
      ['120', 'permission', false],
      ['3100', 'permission', false],
      ['3200', 'authentication', false],
      ['10000', 'server', true],
    ];
    for (const [code, kind, retryable] of table) {
      expect(normalize(400, fault(code)), code).toMatchObject({ kind, code, retryable, detail: `of ${code}` });
    }
  });

  it('reads 120 at 401 as permission: a new token does not give the user access back', () => {
    expect(normalize(401, fault('120', {}, 'AuthorizationFault'))).toMatchObject({ kind: 'permission', code: '120' });
    expect(normalize(401, fault('3200', {}, 'AuthenticationFault'))?.kind).toBe('authentication');
  });

  it('keeps the status reading for an unknown code, whatever the type says, and for prototype names', () => {
    expect(normalize(400, fault('6000', {}, 'AuthenticationFault'))).toMatchObject({
      kind: 'validation',
      code: '6000',
    });
    expect(normalize(403, fault('9999', {}, 'Validation'))?.kind).toBe('permission');
    for (const code of ['constructor', 'hasOwnProperty', '__proto__']) {
      expect(normalize(500, fault(code))).toMatchObject({ kind: 'server', retryable: true, code });
    }
  });

  it('drops leading zeros and finds the code in a gateway message when `code` is missing', () => {
    expect(normalize(400, fault('003200'))?.code).toBe('3200');
    const gateway = {
      fault: { error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401' }] },
    };
    expect(normalize(401, gateway)).toMatchObject({ kind: 'authentication', code: '3200' });
  });

  it('says "Message: Detail", or the Detail alone when it repeats the Message', () => {
    expect(normalize(400, fault('6000', { Message: 'A', Detail: 'B' }))?.detail).toBe('A: B');
    expect(normalize(400, fault('610', { Message: 'Object Not Found', Detail: 'Object Not Found : x' }))?.detail).toBe(
      'Object Not Found : x',
    );
  });

  it('turns each error naming an `element` into a field error', () => {
    const body = {
      Fault: {
        Error: [
          { Message: 'Missing', code: '2020', element: 'Line.Amount' },
          { Message: 'Bad', code: '2050', element: '' },
          { Message: 'Also', Detail: 'd', element: 'TxnDate' },
        ],
      },
    };
    expect(normalize(400, body)?.fieldErrors).toEqual([
      { path: 'Line.Amount', message: 'Missing', code: '2020' },
      { path: 'TxnDate', message: 'Also: d' },
    ]);
  });
});

describe('XML Faults (core reads XML as text)', () => {
  it('reads a Fault from XML at an error status, entities and CDATA decoded', () => {
    const body = xml(
      '<Fault type="ValidationFault"><Error code="6240" element="DisplayName"><Message>Duplicate &amp; taken</Message><Detail><![CDATA[a <b> c]]> &#233;</Detail></Error></Fault>',
    );
    expect(normalize(400, body)).toMatchObject({
      kind: 'conflict',
      code: '6240',
      detail: 'Duplicate & taken: a <b> c é',
      fieldErrors: [{ path: 'DisplayName', message: 'Duplicate & taken: a <b> c é', code: '6240' }],
    });
  });

  it('reads attributes in single quotes and a self-closed Message as absent', () => {
    expect(normalize(400, xml("<Fault type='x'><Error code='610'><Message/></Error></Fault>"))).toMatchObject({
      kind: 'not_found',
      code: '610',
    });
  });

  it('a 200 in XML is an error only with a Fault of its own', () => {
    expect(
      normalize(200, xml('<Fault type="SystemFault"><Error code="1"><Message>m</Message></Error></Fault>')),
    ).toMatchObject({ kind: 'server', code: '1' });
    expect(normalize(200, xml('<Customer><DisplayName>Fault &lt;Fault&gt;</DisplayName></Customer>'))).toBeNull();
    expect(normalize(200, xml('<Faults/><FaultX type="a"/>'))).toBeNull();
  });

  it('stays linear on hostile XML (unclosed tags and CDATA, repeated many times)', () => {
    const hostile = `<Fault>${'<Error code="1"><Message><![CDATA[x'.repeat(20_000)}`;
    expect(normalize(400, hostile)?.code).toBe('1');
    expect(normalize(200, `<BatchItemResponse bId="1"><Fault>${'<Error '.repeat(40_000)}`)).not.toBeNull();
  });
});

describe('errors inside HTTP 200', () => {
  it('reads a Fault type for the kind only in a 200, where no status speaks', () => {
    const table: [string, string][] = [
      ['ValidationFault', 'validation'],
      ['Validation', 'validation'],
      ['AUTHENTICATION', 'authentication'],
      ['AuthorizatonFault', 'permission'],
      ['AuthorizationFault', 'permission'],
      ['SystemFault', 'server'],
      ['SERVICE', 'unknown'],
    ];
    for (const [type, kind] of table) expect(normalize(200, fault('1', {}, type))?.kind, type).toBe(kind);
  });

  it('reads a QueryResponse Fault, and an empty QueryResponse or a deleted entity as successes', () => {
    expect(normalize(200, { QueryResponse: { Fault: fault('4000').Fault } }, { method: 'GET' })).toMatchObject({
      code: '4000',
    });
    expect(normalize(200, { QueryResponse: {} }, { method: 'GET' })).toBeNull();
    expect(normalize(200, { Invoice: { status: 'Deleted', domain: 'QBO', Id: '1' } })).toBeNull();
  });

  const item = (bId: string, code?: string) =>
    code === undefined ? { bId, Customer: { Id: bId } } : { bId, Fault: fault(code).Fault };

  it('a batch whose every item failed is an error, read from its first Fault', () => {
    const err = normalize(200, { BatchItemResponse: [item('1', '6240'), item('2', '610')] }, { path: '/batch' });
    expect(err).toMatchObject({
      kind: 'conflict',
      code: '6240',
      detail: 'every batch item failed (2); first: of 6240',
    });
    const throttled = normalize(200, { BatchItemResponse: [item('1', '3001')] }, { path: '/batch' });
    expect(throttled).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 60_000 });
  });

  it('a partly failed batch is a success, its failures warnings; an empty batch is a success', () => {
    const body = { BatchItemResponse: [item('1'), item('2', '6240'), item('3', '610')] };
    expect(normalize(200, body, { path: '/batch' })).toBeNull();
    expect(quickbooksWarnings(body)).toEqual(['batch item 2: 6240 of 6240', 'batch item 3: 610 of 610']);
    expect(normalize(200, { BatchItemResponse: [] }, { path: '/batch' })).toBeNull();
    expect(quickbooksWarnings({ BatchItemResponse: [item('1', '6240')] })).toEqual([]);
  });

  it('warns at most 30 times, and names an item without bId or code plainly', () => {
    const many = { BatchItemResponse: [item('ok'), ...Array.from({ length: 40 }, (_, i) => item(String(i), '1'))] };
    expect(quickbooksWarnings(many)).toHaveLength(30);
    expect(quickbooksWarnings({ AttachableResponse: [{}, { Fault: {} }] })).toEqual(['batch item ?: Fault']);
    for (const body of [undefined, null, 'x', [], {}, { BatchItemResponse: 'x' }])
      expect(quickbooksWarnings(body)).toEqual([]);
  });
});

describe('429: wait 60 seconds', () => {
  it('waits the documented 60 s without Retry-After, and the Retry-After when one comes', () => {
    expect(normalize(429, undefined)).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 60_000 });
    expect(normalize(429, undefined, { headers: { 'retry-after': '5' } })?.retryAfterMs).toBe(5_000);
  });

  it('reads the ThrottleExceeded code as a wait under any status', () => {
    expect(normalize(400, fault('3001'))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000, code: '3001' });
  });

  it('resends a throttled POST (refused, not processed) after the wait', async () => {
    let calls = 0;
    const fetch = async (): Promise<Response> =>
      ++calls === 1
        ? new Response(null, { status: 429, headers: { 'retry-after': '0' } })
        : jsonResponse({ Invoice: { Id: '1' } });
    const client = createClient(quickbooks, { baseUrl: BASE, auth: { token: 'FAKE-token' }, fetch, rateLimit: false });
    await expect(client.post('/invoice', { body: {} })).resolves.toEqual({ Invoice: { Id: '1' } });
    expect(calls).toBe(2);
  });
});

describe('declared protocol', () => {
  it('sends a bearer token and reads intuit_tid as the request id', async () => {
    let auth: string | null = null;
    const fetch = async (input: Request | string | URL, init?: RequestInit): Promise<Response> => {
      auth = new Request(input, init).headers.get('authorization');
      return jsonResponse(fault('610'), { status: 400, headers: { intuit_tid: 'FAKE-tid-1' } });
    };
    const client = createClient(quickbooks, { baseUrl: BASE, auth: { token: 'FAKE-token' }, fetch });
    await expect(client.get('/invoice/1')).rejects.toMatchObject({ kind: 'not_found', requestId: 'FAKE-tid-1' });
    expect(auth).toBe('Bearer FAKE-token');
  });

  it('builds the base URL from a realm id, production or sandbox, and refuses anything else', () => {
    expect(quickbooksUrl('123')).toBe('https://quickbooks.api.intuit.com/v3/company/123');
    expect(quickbooksUrl('123', { sandbox: true })).toBe('https://sandbox-quickbooks.api.intuit.com/v3/company/123');
    for (const bad of ['', '12a', '1/../2', '123?x=1', 'evil.com', ' 1'])
      expect(() => quickbooksUrl(bad), bad).toThrow(TypeError);
  });
});

describe('robustness', () => {
  const context = (body: unknown, status: number) =>
    classifyContext({ url: `${BASE}/invoice`, path: '/invoice', body, status, headers: {} });

  it(`never throws on arbitrary JSON or text, any status (seed ${SEED})`, () => {
    const classify = quickbooks.classify;
    if (classify === undefined) throw new Error('no classify hook');
    const xmlish = fc
      .array(
        fc.constantFrom(
          '<Fault',
          ' type="',
          '<Error',
          ' code="1"',
          '>',
          '</Error>',
          '<Message>',
          '<![CDATA[',
          '&#x',
          '<BatchItemResponse',
        ),
      )
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), xmlish), fc.integer({ min: 200, max: 599 }), (body, status) => {
        expect(() => classify(context(body, status))).not.toThrow();
        expect(() => quickbooksWarnings(body)).not.toThrow();
      }),
      { seed: SEED },
    );
  });
});
