import { createSeededRandom } from '@rosetta/testkit';
import { describe, expect, it } from 'vitest';
import { nextLink, type ParseMeter, parseLinkHeader } from '../../src/client/parse-link-header';

describe('parseLinkHeader (RFC 8288)', () => {
  it('reads GitHub`s four-link header', () => {
    // https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
    const header =
      '<https://api.github.com/repositories/1300192/issues?page=2>; rel="prev", ' +
      '<https://api.github.com/repositories/1300192/issues?page=4>; rel="next", ' +
      '<https://api.github.com/repositories/1300192/issues?page=515>; rel="last", ' +
      '<https://api.github.com/repositories/1300192/issues?page=1>; rel="first"';
    const issues = 'https://api.github.com/repositories/1300192/issues?page=';
    expect(parseLinkHeader(header).map((l) => [l.rel, l.target])).toEqual([
      [['prev'], `${issues}2`],
      [['next'], `${issues}4`],
      [['last'], `${issues}515`],
      [['first'], `${issues}1`],
    ]);
    expect(nextLink(header)).toBe('https://api.github.com/repositories/1300192/issues?page=4');
  });

  it('handles several rel values, quoted params with commas, semicolons and escapes, and commas in <...>', () => {
    // RFC 8288 §3.5 examples, plus a comma inside the URI (allowed in URI-references).
    const header =
      '<http://example.org/a,b;c>; rel="start http://example.net/relation/other"; title="a, b; \\"c\\"", ' +
      '</TheBook/chapter2>; REL = "Previous Next"; title*=UTF-8\'de\'letztes%20Kapitel, ' +
      '<x>; rel=last; rel=next';
    const links = parseLinkHeader(header);
    expect(links).toEqual([
      {
        target: 'http://example.org/a,b;c',
        rel: ['start', 'http://example.net/relation/other'],
        params: { rel: 'start http://example.net/relation/other', title: 'a, b; "c"' },
      },
      {
        target: '/TheBook/chapter2',
        rel: ['previous', 'next'],
        params: { rel: 'Previous Next', 'title*': "UTF-8'de'letztes%20Kapitel" },
      },
      // RFC 8288 §3.3: occurrences of rel after the first are ignored.
      { target: 'x', rel: ['last'], params: { rel: 'last' } },
    ]);
    expect(nextLink(header)).toBe('/TheBook/chapter2');
  });

  it('skips malformed parts and keeps the links around them', () => {
    const header = 'garbage, "quoted, <not a link>", <a>; rel=next junk "x,y"; rel=prev, <b>; rel="last"';
    expect(parseLinkHeader(header).map((l) => [l.target, l.rel])).toEqual([
      ['a', ['next']],
      ['b', ['last']],
    ]);
    expect(nextLink('<https://a.test/9>; rel="last"')).toBeUndefined();
    expect(nextLink('<https://a.test/4>; rel=next')).toBe('https://a.test/4');
    expect(nextLink('')).toBeUndefined();
    expect(nextLink(undefined)).toBeUndefined();
  });
});

describe('parseLinkHeader work is linear in the header length', () => {
  // Shapes that made the former regexes backtrack: an unterminated `<`, runs of `;` or spaces
  // inside the parameters, an unterminated quote, and many small links.
  const hostile: Record<string, (size: number) => string> = {
    'unterminated <': (size) => '<'.repeat(size),
    'many ;': (size) => `<a>${';'.repeat(size)}`,
    'spaces in params': (size) => `<a>; rel=${' '.repeat(size)}x`,
    'spaces after rel': (size) => `<a>; rel="n${' '.repeat(size)}ext`,
    'unterminated quote': (size) => `<a>; rel="${','.repeat(size)}`,
    'many links': (size) => '<a>;rel=next,'.repeat(Math.ceil(size / 13)),
    'many < and >': (size) => '<>'.repeat(size / 2),
    escapes: (size) => `<a>; t="${'\\'.repeat(size)}`,
  };

  it.each(Object.keys(hostile))('%s: at most 4 steps per character, growing 10x from 10 KB to 100 KB', (shape) => {
    const make = hostile[shape] as (size: number) => string;
    const steps = (size: number): number => {
      const meter: ParseMeter = { steps: 0 };
      parseLinkHeader(make(size), meter);
      return meter.steps;
    };
    const small = steps(10_000);
    const large = steps(100_000);
    expect(large).toBeLessThanOrEqual(4 * make(100_000).length);
    expect(large / small).toBeLessThan(10.5);
  });

  it('keeps the structure of a 100 KB hostile header', () => {
    expect(parseLinkHeader('<'.repeat(100_000))).toEqual([]);
    const many = parseLinkHeader('<a>;rel=next,'.repeat(8_000));
    expect(many).toHaveLength(8_000);
    expect(many.every((l) => l.target === 'a' && l.rel[0] === 'next')).toBe(true);
    expect(parseLinkHeader(`<a>; rel=${' '.repeat(100_000)}x`)).toEqual([
      { target: 'a', rel: ['x'], params: { rel: 'x' } },
    ]);
  });

  it('random headers from link-header characters: linear steps (seed 20261126)', () => {
    const seed = 20_261_126;
    const random = createSeededRandom(seed);
    const alphabet = ['<', '>', ';', ',', '"', '\\', ' ', '=', 'r', 'e', 'l', 'n', 'x', 't'];
    for (let run = 0; run < 20; run++) {
      let header = '';
      for (let i = 0; i < 20_000; i++) header += alphabet[Math.floor(random() * alphabet.length)];
      const meter: ParseMeter = { steps: 0 };
      parseLinkHeader(header, meter);
      expect(meter.steps, `seed ${seed}, run ${run}`).toBeLessThanOrEqual(4 * header.length);
    }
  });
});
