import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../../src/classify/iso-date';

const T = Date.UTC(2024, 4, 1, 12, 30, 15);

describe('parseIsoDate', () => {
  it.each([
    ['2024-05-01T12:30:15Z', T],
    ['2024-05-01t12:30:15z', T],
    ['2024-05-01 12:30:15Z', T],
    ['2024-05-01T12:30:15.250Z', T + 250],
    ['2024-05-01T12:30:15.123456789Z', T + 123],
    ['2024-05-01T14:30:15+02:00', T],
    ['2024-05-01T14:30:15+0200', T],
    ['2024-05-01T10:00:15-02:30', T],
    ['2024-05-01T14:30:15+02', T],
    ['2024-05-01T12:30Z', T - 15_000],
    ['2024-05-01', Date.UTC(2024, 4, 1)],
  ])('reads %j', (text, epoch) => {
    expect(parseIsoDate(text)).toBe(epoch);
  });

  it('reads a zone-less timestamp as UTC, not local time', () => {
    expect(parseIsoDate('2024-05-01T12:30:15')).toBe(T);
  });

  it.each([
    '',
    '2024',
    '1714566615',
    '2024-13-01',
    '2024-02-30',
    '2024-05-01T24:00:00Z',
    '2024-05-01T12:60:00Z',
    '2024-05-01T12:30:15+24:00',
    '2024-05-01T12:30:15 PST',
    'May 1, 2024',
    'Wed, 01 May 2024 12:30:15 GMT',
    '0099-05-01',
  ])('refuses %j', (text) => {
    expect(parseIsoDate(text)).toBeUndefined();
  });
});
