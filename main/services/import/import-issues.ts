import { StewardError } from '../../../shared/api/result';

/** One thing wrong with the input, located precisely. Never carries a student's data. */
export interface ImportIssue {
  file: string;
  line?: number;
  column?: string;
  message: string;
}

/** Thrown to stop reading once the cap is reached: more errors would only bury the first ones. */
export class TooManyIssues extends Error {
  constructor() {
    super('too many import issues');
    this.name = 'TooManyIssues';
  }
}

export const MAX_ISSUES = 50;

/** Collects problems across all files so the steward can fix them in one go. */
export class ImportIssues {
  readonly list: ImportIssue[] = [];
  truncated = false;

  constructor(private readonly cap = MAX_ISSUES) {}

  get count(): number {
    return this.list.length;
  }

  add(issue: ImportIssue): void {
    if (this.list.length >= this.cap) {
      this.truncated = true;
      throw new TooManyIssues();
    }
    this.list.push(issue);
  }
}

/** Formats one issue as `file line N, column C: message`. */
export function formatIssue(i: ImportIssue): string {
  const where = [i.file, i.line !== undefined ? `line ${i.line}` : undefined, i.column ? `column ${i.column}` : undefined].filter(Boolean).join(', ');
  return `${where}: ${i.message}`;
}

/**
 * The error an import fails with: every issue (up to the cap), each naming file, line and
 * column, and the reassurance that nothing was changed. `where` points at the first one.
 */
export class ImportFailedError extends StewardError {
  constructor(readonly issues: ImportIssue[], truncated: boolean) {
    const n = issues.length;
    const head = `The import was not applied: ${n}${truncated ? '+' : ''} problem${n === 1 ? '' : 's'} found. The store is unchanged. Fix ${n === 1 ? 'it' : 'them'} and import again.`;
    const more = truncated ? `\n(Stopped after the first ${n}; there are more.)` : '';
    const first = issues[0];
    super('IMPORT_FAILED', [head, ...issues.map((i) => `  ${formatIssue(i)}`)].join('\n') + more, first ? { file: first.file, ...(first.line !== undefined ? { line: first.line } : {}), ...(first.column ? { column: first.column } : {}) } : undefined);
  }
}
