import { createHash } from 'node:crypto';
import type { RecordsStream } from './preview-service';
import type { NamedInput } from '../crypto/payload/tar';
import type { StudentDisclosure } from './disclosures-service';
import { StewardError } from '../../shared/api/result';
import type { FieldId } from '../../shared/catalog';

/**
 * records.csv as a payload input, straight from the preview's record stream, never on disk in
 * plaintext. The tar container needs the file's size up front, so the stream runs twice: the
 * first pass counts bytes and hashes them, the second feeds the encryption and must hash the
 * same (if the district's data changed in between, the export stops instead of sending rows
 * nobody previewed). The second pass also collects, per student, the fields actually sent for
 * the FERPA record of disclosures. Memory stays flat in the payload size: one batch of rows at a
 * time (plus the student ids, which the preview's inclusion set holds anyway).
 */
export interface RecordsInput {
  input: NamedInput;
  size: number;
  recordCount: number;
  /** After the second pass: the catalog fields sent to at least one student, and each student's row. */
  disclosed(): { fields: FieldId[]; students: (string | StudentDisclosure)[] };
}

export function measureRecords(stream: RecordsStream, onRows: (rows: number) => void): { size: number; sha256: string; rows: number } {
  const hash = createHash('sha256');
  let size = Buffer.byteLength(stream.headerLine);
  hash.update(stream.headerLine);
  let rows = 0;
  for (const b of stream.batches()) {
    size += Buffer.byteLength(b.csv);
    hash.update(b.csv);
    rows += b.rows.length;
    onRows(rows);
  }
  return { size, sha256: hash.digest('hex'), rows };
}

export function recordsInput(stream: RecordsStream, onRows: (rows: number) => void): RecordsInput {
  const measured = measureRecords(stream, onRows);
  if (measured.rows !== stream.recordCount) throw new Error(`records stream yielded ${measured.rows} of ${stream.recordCount} rows`);
  const columnFields = stream.plan.columns.map((c) => c.field);
  const shownAnywhere = new Set<number>();
  const students: (string | { studentId: string; shown: number[] })[] = [];
  let complete = false;
  const input: NamedInput = {
    name: 'records.csv',
    size: measured.size,
    async *open() {
      const hash = createHash('sha256');
      const header = Buffer.from(stream.headerLine, 'utf8');
      hash.update(header);
      yield header;
      students.length = 0;
      for (const b of stream.batches()) {
        b.rows.forEach((cells, r) => {
          const shown: number[] = [];
          cells.forEach((c, i) => { if (c.state !== 'withheld') shown.push(i); });
          for (const i of shown) shownAnywhere.add(i);
          students.push(shown.length === cells.length ? b.studentIds[r]! : { studentId: b.studentIds[r]!, shown });
        });
        const bytes = Buffer.from(b.csv, 'utf8');
        hash.update(bytes);
        yield bytes;
      }
      if (hash.digest('hex') !== measured.sha256) {
        throw new StewardError('CONFLICT', 'The district\'s data changed while the package was being written, so it no longer matches what was counted. Nothing was sent or recorded; export again.');
      }
      complete = true;
    },
  };
  return {
    input,
    size: measured.size,
    recordCount: measured.rows,
    disclosed() {
      if (!complete) throw new Error('records were not streamed completely');
      const fields = [...new Set([...shownAnywhere].sort((a, b) => a - b).map((i) => columnFields[i]!))];
      return {
        fields,
        students: students.map((s) => (typeof s === 'string' ? s : { studentId: s.studentId, fields: [...new Set(s.shown.map((i) => columnFields[i]!))] })),
      };
    },
  };
}
