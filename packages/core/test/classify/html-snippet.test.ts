import { describe, expect, it } from 'vitest';
import { MAX_SNIPPET_CHARS, htmlSnippet } from '../../src/classify/html-snippet';

describe('htmlSnippet', () => {
  it('uses the title when the heading says the same', () => {
    expect(
      htmlSnippet(
        '<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>',
      ),
    ).toBe('502 Bad Gateway');
  });

  it('joins a title and a different heading', () => {
    const page = `<!DOCTYPE html><html><head><title>example.com | 522: Connection timed out</title>
      <style>body{color:red}</style></head><body><h1 class="x"><span>Connection timed out</span>
      <span class="code">Error code 522</span></h1></body></html>`;
    expect(htmlSnippet(page)).toBe('example.com | 522: Connection timed out - Connection timed out Error code 522');
  });

  it('uses a heading alone, skipping empty headings', () => {
    expect(htmlSnippet('<body><h2></h2><H3 id="a">Service <b>Unavailable</b></H3></body>')).toBe('Service Unavailable');
  });

  it('falls back to the visible body text without scripts, styles and comments', () => {
    const page = `<html><head><script>var secret = "no";</script><style>p{}</style></head>
      <body><!-- hidden --><noscript>enable js</noscript><p>Login   required.</p>\n<p>Please  sign in.</p>
      <script type="text/javascript">alert(1)</script></body></html>`;
    expect(htmlSnippet(page)).toBe('Login required. Please sign in.');
  });

  it('decodes common entities and drops control characters', () => {
    expect(
      htmlSnippet('<title>Tom &amp; Jerry&#39;s &lt;site&gt; &#x263A;&nbsp;&quot;ok&quot;\u0000\u0007</title>'),
    ).toBe('Tom & Jerry\'s <site> ☺ "ok"');
    expect(htmlSnippet('<title>bad &#0; &#x110000; &#xD800; end</title>')).toBe('bad \ufffd \ufffd \ufffd end');
  });

  it('keeps a lone "<" as text', () => {
    expect(htmlSnippet('<body>a < b and 1<2</body>')).toBe('a < b and 1<2');
  });

  it('cuts long text to the limit with an ellipsis', () => {
    const snippet = htmlSnippet(`<title>${'word '.repeat(200)}</title>`);
    expect(snippet.length).toBeLessThanOrEqual(MAX_SNIPPET_CHARS);
    expect(snippet.endsWith('…')).toBe(true);
  });

  it('does not split a surrogate pair when cutting', () => {
    const snippet = htmlSnippet(`<title>${'a'.repeat(198)}😀😀</title>`);
    expect(snippet).toBe(`${'a'.repeat(198)}…`);
  });

  it('is empty for a page without text', () => {
    expect(htmlSnippet('<html><head></head><body><script>x()</script></body></html>')).toBe('');
  });

  it('handles unterminated tags, comments and elements', () => {
    expect(htmlSnippet('<title>Broken')).toBe('Broken');
    expect(htmlSnippet('<body>text <!-- never closed')).toBe('text');
    expect(htmlSnippet('<body>before<script>never closed')).toBe('before');
    expect(htmlSnippet('<body>before<div class="x')).toBe('before');
  });

  // A quadratic scan of these inputs runs for tens of seconds and trips the timeout; linear takes milliseconds.
  it('stays linear on hostile markup', { timeout: 5000 }, () => {
    expect(htmlSnippet(`${'<script>'.repeat(20_000)}${'<h1>'.repeat(20_000)}`)).toBe('');
    expect(htmlSnippet(`${'<h1>'.repeat(10_000)}x`)).toBe('x');
    expect(htmlSnippet(`<body>a${'<!--'.repeat(50_000)}`)).toBe('a');
    expect(htmlSnippet(`${'<h2><script></h2>'.repeat(10_000)}`)).toBe('');
  });
});
