import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { StewardError } from '../../../shared/api/result';
import type { ImportIssue } from './import-issues';

/** One physical file of a table: `users.csv`, or a part such as `users-2.csv`. */
export interface InputFile {
  /** The table's canonical file name, e.g. `users.csv`. */
  table: string;
  /** The name as found in the folder (shown in messages). */
  name: string;
  path: string;
  size: number;
  /** 1 for `users.csv`, 2 for `users-2.csv`, ... */
  part: number;
}

export interface FileSet {
  tables: Map<string, InputFile[]>;
  /** CSV files in the folder that no table reads (reported, never guessed at). */
  ignored: string[];
  totalBytes: number;
}

/** One file may not exceed this; larger tables are split into parts (`attendance-2.csv`, ...). */
export const DEFAULT_MAX_FILE_BYTES = 1024 ** 3;

function human(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/**
 * Finds the files of the known tables in `dir` (names matched case-insensitively; a table may be
 * split into numbered parts) and checks sizes before anything is read: an empty file and a file
 * over the limit are refused here, with what to do about it.
 */
export function discoverFiles(dir: string, known: readonly string[], maxBytes: number, issues: ImportIssue[]): FileSet {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw new StewardError('BAD_INPUT', `${dir} is a file, not a folder. Pass the folder that holds the CSV files.`);
    entries = readdirSync(dir).sort();
  } catch (e) {
    if (e instanceof StewardError) throw e;
    throw new StewardError('NOT_FOUND', `The import folder ${dir} does not exist or cannot be read. Check the path.`);
  }
  const byLower = new Map(known.map((k) => [k.toLowerCase().replace(/\.csv$/, ''), k]));
  const tables = new Map<string, InputFile[]>();
  const ignored: string[] = [];
  let totalBytes = 0;
  for (const name of entries) {
    const m = /^(.+?)(?:-(\d+))?\.csv$/i.exec(name);
    const table = m ? byLower.get(m[1]!.toLowerCase()) : undefined;
    if (!m || !table) {
      if (/\.csv$/i.test(name)) ignored.push(name);
      continue;
    }
    const path = join(dir, name);
    const st = statSync(path);
    if (!st.isFile()) continue;
    if (st.size === 0) {
      issues.push({ file: name, line: 1, message: 'the file is empty (0 bytes): even a table with no rows needs its header line. Export it again, or delete it if the table is not part of this import.' });
      continue;
    }
    if (st.size > maxBytes) {
      const base = table.replace(/\.csv$/, '');
      issues.push({
        file: name,
        message: `the file is ${human(st.size)}, over the ${human(maxBytes)} limit for one file, so it was not read. Split it into parts under ${human(maxBytes)} named ${base}.csv, ${base}-2.csv, ${base}-3.csv ... each starting with the header line; the importer reads the parts in order as one table.`,
      });
      continue;
    }
    const part = m[2] ? Number(m[2]) : 1;
    const list = tables.get(table) ?? [];
    list.push({ table, name, path, size: st.size, part });
    tables.set(table, list);
    totalBytes += st.size;
  }
  for (const list of tables.values()) list.sort((a, b) => a.part - b.part);
  return { tables, ignored, totalBytes };
}
