import type { BenchRow } from './table';

/**
 * A benchmark step: one process (so its peak memory is its own), one or more rows of the table.
 * `npm run bench -- <filter>` runs the steps whose id contains the filter.
 */
export interface Step {
  id: string;
  /** What it measures, for the log. */
  title: string;
  run(log: (line: string) => void): Promise<BenchRow[]>;
}

/** A step's definition in the list: loaded only in the process that runs it (keeps the others' memory out). */
export interface StepDef {
  id: string;
  title: string;
  /** Generated districts (by student count) whose cached store the step reads: built first, in a process of their own, so the step's time and peak memory are its own. */
  stores?: number[];
  load(): Promise<Step['run']>;
}
