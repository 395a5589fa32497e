// Stop 30's attack on the span name and `url.template`: the route a call was written with is lined up with the
// redacted URL it was sent to, segment by segment from the end. When the two do not line up (a path refused
// before sending, whose error's URL is the base URL; `..` segments; a path without its leading slash), a literal
// segment used to be trusted against an unrelated segment of the URL, and a secret written into the path was named.
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { createClient, genericAdapter } from '@rosetta/core';
import { createScriptedFetch } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { instrumentClient } from '../src/index';

const HOOK = 'ZqHookZ1aZbcZde';
const exporter = new InMemorySpanExporter();
const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

describe('a secret written into the path (named in secrets), with a base URL whose prefix is longer than the path', () => {
  it.each([
    ['refused for a control character', `/hooks/${HOOK}/\r\nx`],
    ['refused for a fragment, without a leading slash', `hooks/${HOOK}#frag`],
    ['refused for a ".." path parameter', `/hooks/${HOOK}/{id}`],
    ['sent after its ".." segments were resolved', `/hooks/${HOOK}/../../x`],
    ['sent, glued to a path parameter in one segment', `/hooks/{id}.${HOOK}`],
    ['sent, after a ":name" parameter in one segment', `/hooks/:id${HOOK}`],
  ])('%s: the span names no part of it', async (_name, path) => {
    exporter.reset();
    const t = createScriptedFetch([{ status: 401, body: { message: 'no' } }]);
    const client = instrumentClient(
      createClient(genericAdapter, {
        baseUrl: 'https://api.example.com/a/b/c/d/e/f',
        fetch: t.fetch,
        secrets: [HOOK],
        retry: false,
      }),
      { tracerProvider },
    );
    await expect(
      client.post(path, { params: { id: path.includes('.Zq') || path.includes(':') ? 7 : '..' } }),
    ).rejects.toThrow();
    await client.close();
    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    const recorded = JSON.stringify(spans.map((s) => ({ a: s.attributes, e: s.events, st: s.status, n: s.name })));
    expect(recorded).not.toContain(HOOK.slice(0, 6));
  });

  it('still names the route when the path lines up with the URL sent', async () => {
    exporter.reset();
    const t = createScriptedFetch([
      { status: 200, body: {} },
      { status: 200, body: {} },
    ]);
    const client = instrumentClient(
      createClient(genericAdapter, { baseUrl: 'https://api.example.com/a/b/c/d/e/f', fetch: t.fetch, secrets: [HOOK] }),
      { tracerProvider },
    );
    await client.get(`/hooks/${HOOK}/{id}`, { params: { id: 7 } });
    await client.get('/files/{name}.json', { params: { name: 'report' } });
    await client.close();
    expect(exporter.getFinishedSpans().map((span) => span.name)).toEqual([
      'GET /hooks/[REDACTED]/{id}',
      'GET /files/{name}.json',
    ]);
  });
});
