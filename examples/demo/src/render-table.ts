import { wrapText } from './demo-output';
/** One column of a text table. */
export interface Column<Row> {
  readonly title: string;
  /** The cell's plain text: one line, or several (each truncated to the column's width). */
  readonly text: (row: Row) => string | readonly string[];
  /** Longest line of a cell; longer text ends in `…`. */
  readonly maxWidth: number;
  /** Narrowest the column may shrink to when the table must fit a width. @default maxWidth */
  readonly minWidth?: number;
  /** Colours one padded line of a cell; gets the row and the line's index, so colour can follow meaning. */
  readonly paint?: (line: string, row: Row, index: number) => string;
  /** @default 'left' */
  readonly align?: 'left' | 'right';
  /** Word-wrap a line longer than the column instead of cutting it (prose, where the end of a line matters). */
  readonly wrap?: boolean;
}

/** Options of {@link renderTable}. */
export interface TableOptions<Row> {
  /** Total width to fit in (a terminal's columns), shrinking the columns that allow it. */
  readonly width?: number;
  /** Styles the header line. */
  readonly header?: (text: string) => string;
  /** Rows of one group stay together, under a line naming the group; a rule separates groups. */
  readonly group?: (row: Row) => string;
}

const SEPARATOR = ' │ ';

/**
 * Renders rows as a plain-text table: widths fitted to the content (capped per column, shrunk
 * widest-first to fit `width`), a rule under the header and between groups, `│` between
 * columns. Colour is applied after padding so that escape codes never break the alignment.
 *
 * @example
 * renderTable([{ title: 'kind', text: (r) => r.kind, maxWidth: 16 }], rows, { width: 120 });
 */
export function renderTable<Row>(
  columns: readonly Column<Row>[],
  rows: readonly Row[],
  options: TableOptions<Row> = {},
): string {
  const header = options.header ?? ((text: string) => text);
  const texts = rows.map((row) => columns.map((column) => lines(column.text(row))));
  const widths = columns.map((column, i) =>
    Math.min(
      column.maxWidth,
      Math.max(column.title.length, ...texts.flatMap((cells) => (cells[i] ?? []).map((l) => l.length))),
    ),
  );
  if (options.width !== undefined) shrink(widths, columns, options.width - SEPARATOR.length * (columns.length - 1));
  for (const cells of texts) {
    columns.forEach((column, i) => {
      if (column.wrap === true)
        cells[i] = (cells[i] ?? []).flatMap((l) => wrapText(l, widths[i] as number).split('\n'));
    });
  }
  const pad = (text: string, i: number): string => {
    const width = widths[i] as number;
    const cut = truncate(text, width);
    return columns[i]?.align === 'right' ? cut.padStart(width) : cut.padEnd(width);
  };
  const rule = widths.map((width) => '─'.repeat(width)).join('─┼─');
  const out = [
    header(
      columns
        .map((column, i) => pad(column.title, i))
        .join(SEPARATOR)
        .trimEnd(),
    ),
    rule,
  ];
  texts.forEach((cells, r) => {
    const group = options.group;
    const name = group?.(rows[r] as Row);
    if (group !== undefined && (r === 0 || name !== group(rows[r - 1] as Row))) {
      if (r > 0) out.push(rule);
      out.push(header(name ?? ''));
    }
    const height = Math.max(...cells.map((cell) => cell.length));
    for (let l = 0; l < height; l++) {
      const line = cells.map((cell, i) => {
        const padded = pad(cell[l] ?? '', i);
        const paint = columns[i]?.paint;
        return paint === undefined || cell[l] === undefined ? padded : paint(padded, rows[r] as Row, l);
      });
      out.push(line.join(SEPARATOR).trimEnd());
    }
  });
  return `${out.join('\n')}\n`;
}

/** Takes one character at a time from the column with the most room above its minimum. */
function shrink(
  widths: number[],
  columns: readonly Pick<Column<never>, 'minWidth' | 'maxWidth'>[],
  room: number,
): void {
  let total = widths.reduce((sum, w) => sum + w, 0);
  while (total > room) {
    let widest = -1;
    let slack = 0;
    widths.forEach((width, i) => {
      const spare = width - (columns[i]?.minWidth ?? columns[i]?.maxWidth ?? width);
      if (spare > slack) {
        slack = spare;
        widest = i;
      }
    });
    if (widest === -1) return;
    widths[widest] = (widths[widest] as number) - 1;
    total--;
  }
}

function lines(text: string | readonly string[]): string[] {
  return (typeof text === 'string' ? [text] : [...text]).map((line) => line.replace(/\s+/g, ' ').trim());
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
