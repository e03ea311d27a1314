import type { Database } from '../../db/sql';
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { RowAt } from './table-reader';

const BATCH = 32;

/**
 * Writes rows through one multi-row statement per 32 rows: each call from JavaScript into SQLite
 * costs about as much as the insert itself, so batching halves the cost of a bulk load. When a
 * batch fails (a duplicate key, a unique clash), SQLite has undone just that statement; its rows
 * are then written one by one so the failing row is reported with its own line.
 */
export class BatchWriter {
  private readonly many: Statement;
  private readonly one: Statement;
  private readonly buf: unknown[];
  private readonly lines: number[] = [];
  private readonly files: string[] = [];
  private n = 0;
  /** Rows written. */
  written = 0;

  /**
   * @param sql builds the statement for `rows` rows (e.g. `INSERT INTO t (a, b) VALUES (?, ?), (?, ?)`)
   * @param onError handles one row's failure; return false to rethrow (unexpected errors)
   */
  constructor(
    db: Database,
    private readonly width: number,
    sql: (rows: number) => string,
    private readonly onError: (e: { code?: string }, at: RowAt, params: unknown[]) => boolean,
  ) {
    this.many = db.prepare(sql(BATCH));
    this.one = db.prepare(sql(1));
    this.buf = new Array(BATCH * width);
  }

  /** Queues one row; `params` is copied, so the caller may reuse its array. */
  add(params: readonly unknown[], at: RowAt): void {
    const base = this.n * this.width;
    for (let k = 0; k < this.width; k++) this.buf[base + k] = params[k];
    this.lines[this.n] = at.line;
    this.files[this.n] = at.file;
    if (++this.n === BATCH) this.flush();
  }

  flush(): void {
    if (this.n === 0) return;
    if (this.n === BATCH) {
      try {
        this.many.run(this.buf);
        this.written += BATCH;
        this.n = 0;
        return;
      } catch (e) {
        if (typeof (e as { code?: unknown }).code !== 'string' || !(e as { code: string }).code.startsWith('SQLITE_CONSTRAINT')) throw e;
      }
    }
    const row = new Array(this.width);
    for (let i = 0; i < this.n; i++) {
      for (let k = 0; k < this.width; k++) row[k] = this.buf[i * this.width + k];
      try {
        this.one.run(row);
        this.written++;
      } catch (e) {
        if (!this.onError(e as { code?: string }, { file: this.files[i]!, line: this.lines[i]! }, row)) throw e;
      }
    }
    this.n = 0;
  }
}

/** `(?, ?, ?), (?, ?, ?)` for `rows` rows of `width` values. */
export function placeholders(rows: number, width: number): string {
  const one = `(${new Array(width).fill('?').join(', ')})`;
  return new Array(rows).fill(one).join(', ');
}
