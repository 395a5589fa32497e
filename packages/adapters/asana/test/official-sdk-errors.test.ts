// normalizeError(asana, ...) on the error node-asana v3 rejects with: superagent's error, whose `response.request` is
// the superagent `Request` node-asana authenticated (src/ApiClient.js `applyAuthToRequest`:
// `request.set({'Authorization': 'Bearer ' + auth.accessToken})`, kept lower-cased in `_header` by superagent's
// src/request-base.js `set`).
import { inspect } from 'node:util';
import { normalizeError } from '@rosetta/core';
import { describe, expect, it } from 'vitest';
import { asana, readAsanaSdkError } from '../src/index';

// A fake token; `Z` every few characters so that no 6-character piece occurs in Rosetta's own text.
const TOKEN = '2/ZfakeZ1201Z/Z9876Zq';
const pieces = Array.from({ length: TOKEN.length - 5 }, (_, i) => TOKEN.slice(i, i + 6));

function superagentError(body: unknown, headers: Record<string, string>) {
  const request = {
    method: 'GET',
    url: 'https://app.asana.com/api/1.0/users/me',
    header: { Authorization: `Bearer ${TOKEN}` },
    _header: { authorization: `Bearer ${TOKEN}` },
  };
  const response = { status: 401, headers, header: headers, body, text: JSON.stringify(body), request, req: {} };
  return Object.assign(new Error('Unauthorized'), { status: 401, response });
}

describe('the token node-asana sent, which its error keeps', () => {
  it('is scrubbed wherever the answer echoes it: message, body, headers, raw or URL-encoded', () => {
    const body = { errors: [{ message: `Not Authorized: ${TOKEN}`, help: encodeURIComponent(TOKEN) }] };
    const headers = { 'content-type': 'application/json', 'x-echo': TOKEN };
    const err = normalizeError(asana, superagentError(body, headers));
    expect(err).toMatchObject({ kind: 'authentication', detail: 'Not Authorized: [REDACTED]' });
    const everything = `${inspect(err, { depth: null, showHidden: true })} ${JSON.stringify(err)} ${err?.stack}`;
    for (const piece of pieces) expect(everything).not.toContain(piece);
  });

  it('is the only thing read from the request beside its method and URL', () => {
    const read = readAsanaSdkError(superagentError({ errors: [] }, { 'content-type': 'application/json' }));
    expect(read?.secrets).toEqual([`Bearer ${TOKEN}`]);
    expect(read).toMatchObject({ method: 'GET', url: 'https://app.asana.com/api/1.0/users/me' });
  });
});
