/** One column of a text table. */
export interface Column<Row> {
  readonly title: string;
  /** The cell's plain text (truncated to `maxWidth`). */
  readonly text: (row: Row) => string;
  /** Longest cell; longer text ends in `…`. */
  readonly maxWidth: number;
  /** Colours the padded cell; gets the row, so colour can follow meaning. */
  readonly paint?: (cell: string, row: Row) => string;
  /** @default 'left' */
  readonly align?: 'left' | 'right';
}

/**
 * Renders rows as a plain-text table: widths fitted to the content (capped per column), a rule
 * under the header, `│` between columns. Colour is applied after padding so that escape codes
 * never break the alignment.
 *
 * @example
 * renderTable([{ title: 'kind', text: (r) => r.kind, maxWidth: 16 }], rows);
 */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[], header: (text: string) => string = (t) => t): string {
  const cells = rows.map((row) => columns.map((column) => truncate(oneLine(column.text(row)), column.maxWidth)));
  const widths = columns.map((column, i) =>
    Math.max(column.title.length, ...cells.map((line) => (line[i] as string).length)),
  );
  const pad = (text: string, i: number): string => {
    const width = widths[i] as number;
    return columns[i]?.align === 'right' ? text.padStart(width) : text.padEnd(width);
  };
  const lines = [
    header(columns.map((column, i) => pad(column.title, i)).join(' │ ')),
    widths.map((width) => '─'.repeat(width)).join('─┼─'),
    ...cells.map((line, r) =>
      line
        .map((cell, i) => {
          const padded = pad(cell, i);
          const paint = columns[i]?.paint;
          return paint === undefined ? padded : paint(padded, rows[r] as Row);
        })
        .join(' │ ')
        .trimEnd(),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
