/** Where the demo writes: `process.stdout`, or a collector in tests. */
export interface DemoOutput {
  write(chunk: string): unknown;
  /** Colours and a live progress bar only on a terminal. */
  readonly isTTY?: boolean;
  /** Terminal width; tables shrink to fit it. */
  readonly columns?: number;
}

/** ANSI styling that becomes plain text when the output is not a terminal. */
export interface Paint {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly green: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
}

/**
 * ANSI colours for a terminal, identity functions otherwise (logs and pipes stay clean).
 *
 * @example
 * const paint = createPaint(process.stdout.isTTY === true);
 * console.log(paint.green('ok'));
 */
export function createPaint(color: boolean): Paint {
  const sgr = (open: number, close: number) => (text: string) =>
    color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return {
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    red: sgr(31, 39),
    green: sgr(32, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
  };
}

/**
 * Word-wraps plain text to `width` columns, breaking after a space (dropped) or a hyphen (kept), so that kebab-case
 * names wrap too; a piece longer than the width keeps its own line. The demo's prose fits the terminal as its tables
 * do. Paint after wrapping, so that escape codes never count as columns.
 *
 * @example
 * wrapText('one two three', 7); // 'one two\nthree'
 */
export function wrapText(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    word.split(/(?<=-)/).forEach((piece, i) => {
      const glue = line === '' || i > 0 ? '' : ' ';
      if (line !== '' && line.length + glue.length + piece.length > width) {
        lines.push(line);
        line = piece;
      } else {
        line += glue + piece;
      }
    });
  }
  lines.push(line);
  return lines.join('\n');
}
