import type { ProgressEvent } from '../../shared/api/events';
import type { CliIo } from './types';

/**
 * Shows progress of a long task: a redrawn bar on a terminal, plain lines (one per phase) when
 * the output goes to a file or a pipe, so logs stay readable.
 */
export function progressPrinter(io: CliIo): { update(p: ProgressEvent): void; done(): void } {
  let lastPhase = '';
  let drawn = false;
  let lastDraw = 0;
  return {
    update(p) {
      if (!io.isTty) {
        if (p.phase !== lastPhase && p.phase !== 'done') io.out(`  ${p.phase} ...\n`);
        lastPhase = p.phase;
        return;
      }
      const now = Date.now();
      if (p.phase === lastPhase && now - lastDraw < 80) return;
      lastPhase = p.phase;
      lastDraw = now;
      const width = 30;
      const frac = p.total ? Math.max(0, Math.min(1, p.done / p.total)) : 0;
      const full = Math.round(frac * width);
      io.out(`\r[${'#'.repeat(full)}${'.'.repeat(width - full)}] ${String(Math.round(frac * 100)).padStart(3)}%  ${p.phase.padEnd(26).slice(0, 26)}`);
      drawn = true;
    },
    done() {
      if (drawn) io.out(`\r${' '.repeat(70)}\r`);
    },
  };
}

/** Runs a long task with a progress printer, clearing the bar whether the task succeeds or fails. */
export async function withProgress<T>(io: CliIo, task: (onProgress: (p: ProgressEvent) => void) => Promise<T>): Promise<T> {
  const bar = progressPrinter(io);
  try {
    return await task(bar.update);
  } finally {
    bar.done();
  }
}
