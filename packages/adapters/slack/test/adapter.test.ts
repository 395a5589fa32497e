import { normalizeResponse } from '@rosetta/core';
import { loadFixtures } from '@rosetta/testkit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { slack, slackErrorRule, slackFieldErrors, slackWarnings } from '../src/index';

// Each fixture's reading, over normalizeResponse and over HTTP, is checked by conformance.test.ts.
const fixtures = loadFixtures(new URL('./fixtures', import.meta.url));

const url = (path: string): string => `${slack.baseUrl}${path}`;
const envelope = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  normalizeResponse(slack, {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body,
    method: 'POST',
    url: url('/chat.postMessage'),
  });

afterEach(() => {
  vi.useRealTimers();
});

describe('slack fixtures', () => {
  it('covers every category the Web API documents', () => {
    const kinds = new Set(fixtures.map((f) => f.expected?.kind ?? 'success'));
    for (const kind of [
      'success',
      'authentication',
      'permission',
      'not_found',
      'validation',
      'conflict',
      'rate_limited',
      'server',
      'unavailable',
      'timeout',
      'unsupported',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(fixtures.length).toBeGreaterThanOrEqual(15);
    for (const f of fixtures) expect(f.source, f.name).toMatch(/https:\/\/|slackapi\/|slack-ruby\//);
  });
});

describe('slack quirks', () => {
  it('reads ok:false on HTTP 200 as an error, keeping status 200', () => {
    const err = envelope({ ok: false, error: 'channel_not_found' });
    expect(err).toMatchObject({ kind: 'not_found', status: 200, code: 'channel_not_found', retryable: false });
  });

  it('flags internal_error and fatal_error as possibly processed, ratelimited as not', () => {
    expect(envelope({ ok: false, error: 'internal_error' })?.possiblyProcessed).toBe(true);
    expect(envelope({ ok: false, error: 'fatal_error' })?.possiblyProcessed).toBe(true);
    expect(envelope({ ok: false, error: 'ratelimited' }, 429, { 'retry-after': '5' })?.possiblyProcessed).toBe(false);
  });

  it('keeps Retry-After seconds on a 429 and on an HTTP 200 rate_limited', () => {
    expect(envelope({ ok: false, error: 'ratelimited' }, 429, { 'retry-after': '7' })).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 7000,
    });
    expect(envelope({ ok: false, error: 'rate_limited' }, 200, { 'retry-after': '2' })).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAfterMs: 2000,
    });
  });

  it('classifies a 429 without any body as rate_limited', () => {
    const err = normalizeResponse(slack, {
      status: 429,
      headers: { 'retry-after': '30' },
      method: 'GET',
      url: url('/x'),
    });
    expect(err).toMatchObject({ kind: 'rate_limited', retryable: true, retryAfterMs: 30_000 });
  });

  it('names the needed and granted scopes of missing_scope, from the body or else the headers', () => {
    const fromBody = envelope({ ok: false, error: 'missing_scope', needed: 'chat:write', provided: 'users:read' });
    expect(fromBody?.kind).toBe('permission');
    expect(fromBody?.message).toContain('chat:write');
    expect(fromBody?.message).toContain('users:read');
    const fromHeaders = envelope({ ok: false, error: 'missing_scope' }, 200, {
      'x-accepted-oauth-scopes': 'channels:history',
      'x-oauth-scopes': 'chat:write,users:read',
    });
    expect(fromHeaders?.message).toContain('channels:history');
    expect(fromHeaders?.message).toContain('chat:write,users:read');
  });

  it('uses detail as the message when Slack sends one', () => {
    const err = envelope({
      ok: false,
      error: 'invalid_name_specials',
      detail: 'Value passed for `name` contained unallowed special characters.',
    });
    expect(err).toMatchObject({ kind: 'validation', code: 'invalid_name_specials' });
    expect(err?.message).toContain('unallowed special characters');
  });

  it('keeps successes with warnings successes, and lists the warnings', () => {
    const body = {
      ok: true,
      warning: 'missing_charset,superfluous_charset',
      warnings: ['missing_charset'],
      response_metadata: {
        warnings: ['missing_charset'],
        messages: ['[WARN] no charset was declared', '[ERROR] not a warning'],
      },
    };
    expect(envelope(body)).toBeNull();
    expect(slackWarnings(body)).toEqual(['missing_charset', 'superfluous_charset', 'no charset was declared']);
  });

  it('slackWarnings never throws and returns [] for non-envelopes', () => {
    for (const odd of [
      undefined,
      null,
      'ok',
      42,
      [],
      [{ ok: true }],
      { ok: true },
      { warning: 7, response_metadata: 'x' },
    ]) {
      expect(slackWarnings(odd)).toEqual([]);
    }
    expect(slackWarnings({ ok: true, response_metadata: { warnings: ['a', 3, '', 'b'] } })).toEqual(['a', 'b']);
  });

  it('turns json-pointers into dotted paths and skips [WARN] entries', () => {
    expect(
      slackFieldErrors([
        '[ERROR] bad [json-pointer:/blocks/0/elements/1/a~1b~0c]',
        '[WARN] just a warning',
        'unprefixed problem',
        7,
        '[ERROR] ',
      ]),
    ).toEqual([
      { path: 'blocks.0.elements.1.a/b~c', message: 'bad' },
      { path: '', message: 'unprefixed problem' },
    ]);
  });

  it('declares cursor pagination through response_metadata.next_cursor', () => {
    expect(slack.pagination).toEqual({
      type: 'cursor',
      cursorPath: ['response_metadata', 'next_cursor'],
      cursorParam: 'cursor',
      itemsPath: ['channels'],
    });
    expect(slack.auth).toEqual([{ type: 'bearer' }]);
    expect(slack.requestIdHeaders).toEqual(['x-slack-req-id']);
  });

  it('maps undocumented codes by their name patterns', () => {
    expect(slackErrorRule('file_not_found')?.kind).toBe('not_found');
    expect(slackErrorRule('user_not_visible')?.kind).toBe('not_found');
    expect(slackErrorRule('restricted_action_read_only_channel')?.kind).toBe('permission');
    expect(slackErrorRule('cant_update_message')?.kind).toBe('permission');
    expect(slackErrorRule('as_user_not_supported')?.kind).toBe('unsupported');
    expect(slackErrorRule('emoji_limit_reached')?.kind).toBe('quota_exceeded');
    expect(slackErrorRule('name_taken')?.kind).toBe('conflict');
    expect(slackErrorRule('too_many_attachments')?.kind).toBe('validation');
    expect(slackErrorRule('msg_too_long')?.kind).toBe('validation');
    // Listed codes win over patterns that would misread them.
    expect(slackErrorRule('invalid_auth')?.kind).toBe('authentication');
    expect(slackErrorRule('missing_scope')?.kind).toBe('permission');
    expect(slackErrorRule('markdown_text_conflict')?.kind).toBe('validation');
    expect(slackErrorRule('attachment_payload_limit_exceeded')?.kind).toBe('validation');
    expect(slackErrorRule('unknown_method')?.kind).toBe('unsupported');
    expect(slackErrorRule('something_new')).toBeUndefined();
    expect(slackErrorRule('__proto__')).toBeUndefined();
    expect(slackErrorRule('toString')).toBeUndefined();
  });

  it('reads an unknown code as unknown on a 200 and keeps the status kind on a non-200', () => {
    expect(envelope({ ok: false, error: 'something_new' })).toMatchObject({
      kind: 'unknown',
      code: 'something_new',
      retryable: false,
    });
    expect(envelope({ ok: false, error: 'something_new' }, 503)).toMatchObject({
      kind: 'unavailable',
      code: 'something_new',
      retryable: true,
    });
  });

  it('fails a 200 whose JSON lacks ok, as both official SDKs do', () => {
    expect(envelope({ channels: [] })).toMatchObject({ kind: 'invalid_response', retryable: false });
    expect(envelope({ ok: false })).toMatchObject({ kind: 'unknown', status: 200 });
  });

  it('never throws and falls back to core on bodies of the wrong shape', () => {
    const odd: unknown[] = [
      undefined,
      null,
      '',
      'not json',
      '<html><title>Bad Gateway</title></html>',
      42,
      true,
      [],
      [{ ok: false, error: 'invalid_auth' }],
      { ok: 'false', error: 'invalid_auth' },
      { ok: false, error: 42, response_metadata: { messages: 'nope' } },
      { ok: false, error: 'invalid_arguments', response_metadata: { messages: [null, {}, 3] } },
      { ok: false, error: '', needed: 5 },
      JSON.parse('{"ok":false,"error":"invalid_auth","__proto__":{"polluted":true}}'),
    ];
    for (const status of [200, 400, 429, 500, 502]) {
      for (const body of odd) {
        expect(() => envelope(body, status)).not.toThrow();
      }
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A 502 HTML page stays core's gateway reading.
    expect(envelope('<html><title>Bad Gateway</title></html>', 502, { 'content-type': 'text/html' })).toMatchObject({
      kind: 'unavailable',
      retryable: true,
    });
  });

  it('does not flag a gzip download as a broken body', () => {
    const err = normalizeResponse(slack, {
      status: 200,
      headers: { 'content-type': 'application/gzip' },
      body: '\u001f\u008b\u0008\u0000',
      method: 'POST',
      url: url('/admin.analytics.getFile'),
    });
    expect(err).toBeNull();
    // The same bytes claiming to be JSON are a broken response.
    expect(envelope('\u001f\u008b\u0008\u0000')).toMatchObject({ kind: 'invalid_response' });
  });
});
