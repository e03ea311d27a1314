/**
 * Push events from main to the renderer (progress of long imports and exports). A second map,
 * like the contract; `subscribe` returns an unsubscribe function.
 */
export interface ProgressEvent {
  /** Which long task this is, so several can run at once. */
  taskId: string;
  phase: string;
  done: number;
  /** Null while the total is not known yet. */
  total: number | null;
}

export interface EventMap {
  'import-progress': ProgressEvent;
  'export-progress': ProgressEvent;
}
export type EventName = keyof EventMap;
export const eventNames: EventName[] = ['import-progress', 'export-progress'];
