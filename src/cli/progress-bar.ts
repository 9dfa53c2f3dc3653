/**
 * A one-line progress bar on a terminal (stderr), redrawn in place. Nothing is drawn when the
 * stream is not a TTY, so logs and pipes get only the command's real output.
 */

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(text: string): boolean;
}

export interface ProgressBar {
  /** Shows `label` with `done` of `total` (total null: a count without a bar, or `label…` at 0). */
  update(label: string, done: number, total: number | null): void;
  /** Clears the line, leaving the cursor at its start. */
  finish(): void;
}

const CLEAR = '\r\x1b[K';
/** Redraws at most this often, except when the label changes or a phase completes. */
const MIN_INTERVAL_MS = 80;

function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The line for one state, fitted to `width` columns (at least 20). */
export function renderProgress(label: string, done: number, total: number | null, columns: number): string {
  const width = Math.max(20, columns);
  if (total === null) return (done > 0 ? `${label} ${count(done)}` : `${label}…`).slice(0, width - 1);
  const text = `${label} ${count(Math.min(done, total))}/${count(total)}`;
  if (total <= 0) return text.slice(0, width - 1);
  const ratio = Math.max(0, Math.min(1, done / total));
  const percent = `${String(Math.floor(ratio * 100)).padStart(3)}%`;
  const barWidth = Math.max(0, Math.min(30, width - text.length - percent.length - 5));
  if (barWidth < 5) return `${text} ${percent}`.slice(0, width - 1);
  const filled = Math.round(ratio * barWidth);
  return `${text} [${'#'.repeat(filled)}${'-'.repeat(barWidth - filled)}] ${percent}`;
}

/**
 * A progress bar on `stream`, or null when it is not a TTY.
 *
 * @example
 *   const bar = createProgressBar(process.stderr);
 *   bar?.update('Reading', 10, 100);
 *   bar?.finish();
 */
export function createProgressBar(stream: ProgressStream, clock: () => number = Date.now): ProgressBar | null {
  if (stream.isTTY !== true) return null;
  let lastLabel = '';
  let lastAt = -Infinity;
  let drawn = false;
  return {
    update(label, done, total) {
      const now = clock();
      const complete = total !== null && done >= total;
      if (label === lastLabel && !complete && now - lastAt < MIN_INTERVAL_MS) return;
      lastLabel = label;
      lastAt = now;
      drawn = true;
      stream.write(CLEAR + renderProgress(label, done, total, stream.columns || 80));
    },
    finish() {
      if (drawn) stream.write(CLEAR);
      drawn = false;
    },
  };
}
