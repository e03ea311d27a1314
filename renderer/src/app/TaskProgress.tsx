import { useEffect, useState } from 'react';
import type { ProgressEvent } from '../../../shared/api/events';
import { useEvent } from '../api/hooks';

const count = new Intl.NumberFormat('en-US');
/** The first-run demo build (main/electron/service-protocol.ts FIRST_RUN_TASK_ID). */
const FIRST_RUN_TASK_ID = 'first-run-demo';

function label(p: ProgressEvent): string {
  const what = p.taskId === FIRST_RUN_TASK_ID ? 'Preparing the demo district' : 'Working';
  const phase = p.phase ? `: ${p.phase}` : '';
  const amount = p.total ? ` (${count.format(p.done)} of ${count.format(p.total)})` : p.done ? ` (${count.format(p.done)})` : '';
  return `${what}${phase}${amount}`;
}

/**
 * Long tasks (imports, exports, the first-run demo build) report progress as push events; the
 * shell shows each running task with a progress bar until it finishes.
 */
export function TaskProgress() {
  const [tasks, setTasks] = useState<Record<string, ProgressEvent>>({});
  const onProgress = (p: ProgressEvent) => setTasks((t) => ({ ...t, [p.taskId]: p }));
  useEvent('import-progress', onProgress);
  useEvent('export-progress', onProgress);

  // A finished task stays visible for a moment so its end is seen (and announced), then goes.
  useEffect(() => {
    const finished = Object.values(tasks).filter((p) => p.total !== null && p.done >= p.total);
    if (finished.length === 0) return;
    const t = setTimeout(() => setTasks((all) => Object.fromEntries(Object.entries(all).filter(([id]) => !finished.some((f) => f.taskId === id)))), 1500);
    return () => clearTimeout(t);
  }, [tasks]);

  const running = Object.values(tasks);
  if (running.length === 0) return null;
  return (
    <div className="task-progress" role="status" aria-live="polite">
      {running.map((p) => (
        <div key={p.taskId} className="task">
          <span className="task-label">{label(p)}</span>
          <progress max={p.total ?? undefined} value={p.total ? p.done : undefined} aria-label={label(p)} />
        </div>
      ))}
    </div>
  );
}
