import type { DemoOutput } from './demo-output';

/** A progress bar: redrawn in place on a terminal, drawn once when done elsewhere. */
export interface ProgressBar {
  /** Sets the count done so far. */
  update(done: number): void;
  /** Draws the final state and ends the line. */
  finish(): void;
}

const WIDTH = 40;

/**
 * Creates a progress bar of `total` steps. On a terminal it redraws with `\r` at most every
 * 50 ms; in a log it prints only the finished bar, so captured output stays one line.
 *
 * @example
 * const bar = createProgressBar(process.stdout, 300, 'calls');
 * bar.update(150); bar.finish();
 */
export function createProgressBar(out: DemoOutput, total: number, label: string): ProgressBar {
  let done = 0;
  let drawnAt = 0;
  const line = (): string => {
    const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
    return `  [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${String(done).padStart(String(total).length)}/${total} ${label}`;
  };
  return {
    update(value) {
      done = Math.min(total, value);
      const now = Date.now();
      if (out.isTTY !== true || now - drawnAt < 50) return;
      drawnAt = now;
      out.write(`\r${line()}`);
    },
    finish() {
      out.write(`${out.isTTY === true ? '\r' : ''}${line()}\n`);
    },
  };
}
