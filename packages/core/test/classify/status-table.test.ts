import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  STATUS_FALLBACKS,
  STATUS_TABLE,
  STATUS_TABLE_DOC,
  renderStatusTable,
} from '../../../../scripts/gen-status-table';
import { ERROR_KINDS } from '../../src/errors/kinds';
import { classifyStatus } from '../../src/classify/status-table';

describe('classifyStatus', () => {
  it.each([100, 101, 199, 200, 201, 204, 206, 299, 304])('is null for success %d', (status) => {
    expect(classifyStatus(status)).toBeNull();
  });

  it.each([
    [300, 'conflict', false],
    [301, 'invalid_response', false],
    [302, 'invalid_response', false],
    [307, 'invalid_response', false],
    [308, 'invalid_response', false],
    [399, 'invalid_response', false],
    [400, 'validation', false],
    [401, 'authentication', false],
    [402, 'payment_required', false],
    [403, 'permission', false],
    [404, 'not_found', false],
    [405, 'unsupported', false],
    [406, 'validation', false],
    [407, 'authentication', false],
    [408, 'timeout', true],
    [409, 'conflict', false],
    [410, 'unsupported', false],
    [411, 'validation', false],
    [412, 'conflict', false],
    [413, 'validation', false],
    [414, 'validation', false],
    [415, 'validation', false],
    [416, 'validation', false],
    [417, 'validation', false],
    [418, 'validation', false],
    [421, 'unavailable', true],
    [422, 'validation', false],
    [423, 'conflict', true],
    [424, 'conflict', false],
    [425, 'unavailable', true],
    [428, 'validation', false],
    [429, 'rate_limited', true],
    [431, 'validation', false],
    [451, 'permission', false],
    [477, 'validation', false],
    [499, 'aborted', false],
    [500, 'server', true],
    [501, 'unsupported', false],
    [502, 'unavailable', true],
    [503, 'unavailable', true],
    [504, 'unavailable', true],
    [505, 'unsupported', false],
    [507, 'unavailable', false],
    [508, 'server', false],
    [509, 'rate_limited', true],
    [511, 'authentication', false],
    [520, 'unavailable', true],
    [522, 'unavailable', true],
    [524, 'unavailable', true],
    [526, 'unavailable', true],
    [530, 'unavailable', true],
    [550, 'server', true],
    [598, 'timeout', true],
    [599, 'network', true],
  ] as const)('maps %d to %s (retryable: %s)', (status, kind, retryable) => {
    expect(classifyStatus(status)).toEqual({ kind, retryable });
  });

  it('covers every status from 520 to 530 as a retryable CDN failure', () => {
    for (let status = 520; status <= 530; status++) {
      expect(classifyStatus(status)).toEqual({ kind: 'unavailable', retryable: true });
    }
  });

  it.each([0, 99, 600, 999, -1, 200.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'reads %d as not an HTTP status',
    (status) => {
      expect(classifyStatus(status)).toEqual({ kind: 'invalid_response', retryable: false });
    },
  );

  it('answers every status from 100 to 599', () => {
    for (let status = 100; status <= 599; status++) {
      const result = classifyStatus(status);
      if (result !== null) expect(ERROR_KINDS).toContain(result.kind);
    }
  });

  it('returns shared frozen objects, so callers cannot corrupt the table', () => {
    const result = classifyStatus(429);
    expect(Object.isFrozen(result)).toBe(true);
    expect(classifyStatus(429)).toBe(result);
  });
});

describe('STATUS_TABLE', () => {
  it('is sorted, unique, frozen and agrees with classifyStatus', () => {
    expect(Object.isFrozen(STATUS_TABLE)).toBe(true);
    const statuses = STATUS_TABLE.map((entry) => entry.status);
    expect(statuses).toEqual([...new Set(statuses)].sort((a, b) => a - b));
    for (const entry of STATUS_TABLE) {
      expect(Object.isFrozen(entry)).toBe(true);
      expect(entry.reason.length).toBeGreaterThan(0);
      expect(classifyStatus(entry.status)).toEqual({ kind: entry.kind, retryable: entry.retryable });
    }
  });

  it('has no row for a success status', () => {
    expect(STATUS_TABLE.some((entry) => entry.status < 300 || entry.status === 304)).toBe(false);
  });

  it('documents a fallback for every class', () => {
    expect(STATUS_FALLBACKS.map((fallback) => fallback.range)).toEqual([
      '1xx, 2xx, 304',
      'other 3xx',
      'other 4xx',
      'other 5xx',
      'below 100, above 599, not an integer',
    ]);
    expect(STATUS_FALLBACKS[0]?.result).toBeNull();
    expect(STATUS_FALLBACKS[2]?.result).toEqual(classifyStatus(418));
    expect(STATUS_FALLBACKS[3]?.result).toEqual(classifyStatus(550));
  });
});

describe('docs/status-table.md', () => {
  it('is up to date with STATUS_TABLE (regenerate: node --import tsx scripts/gen-status-table.ts)', () => {
    expect(readFileSync(STATUS_TABLE_DOC, 'utf8')).toBe(renderStatusTable());
  });

  it('has one row per table entry and escapes nothing into broken cells', () => {
    const markdown = renderStatusTable();
    for (const entry of STATUS_TABLE) {
      expect(markdown).toContain(`| ${entry.status} | `);
    }
    const rows = markdown.split('\n').filter((line) => line.startsWith('| 4') || line.startsWith('| 5'));
    for (const row of rows) expect(row.replaceAll('\\|', '').split('|')).toHaveLength(7);
  });
});
