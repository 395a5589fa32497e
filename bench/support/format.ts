/**
 * Formats an integer with thousands separators.
 *
 * @example
 * formatInt(9298.4); // '9,298'
 */
export function formatInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/**
 * Formats a ratio with two decimals.
 *
 * @example
 * formatRatio(0.6149); // '0.61'
 */
export function formatRatio(value: number): string {
  return Number.isFinite(value) ? value.toFixed(2) : 'n/a';
}

/**
 * Formats a share as a percentage with one decimal.
 *
 * @example
 * formatPercent(0.0125); // '1.3%'
 */
export function formatPercent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : 'n/a';
}

/**
 * Formats bytes as MB with two decimals (signed when `signed`).
 *
 * @example
 * formatMb(3_500_000, true); // '+3.34 MB'
 */
export function formatMb(bytes: number, signed = false): string {
  const mb = bytes / 1024 / 1024;
  return `${signed && mb >= 0 ? '+' : ''}${mb.toFixed(2)} MB`;
}

/**
 * The median of some numbers (the upper one of an even count); 0 for none.
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/**
 * A GitHub-flavoured Markdown table.
 *
 * @example
 * markdownTable(['client', 'req/s'], [['raw fetch', '9,298']]);
 */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
