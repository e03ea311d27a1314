import { useId, useRef, useState, type FormEvent } from 'react';
import { ApiError, invoke } from '../../api/client';
import { ActionOutcome, useAction } from '../sharing/ui';
import { plural } from '../sharing/labels';

const HEADER = 'programId,studentSourcedId,beginDate,endDate';
/** The channel's limit on CSV text (shared/api/programs-api.ts). */
const MAX_BYTES = 50_000_000;

/**
 * Imports program enrolments from a CSV file. All or nothing: the services name every bad line
 * and column, and nothing is stored unless the whole file is valid.
 */
export function EnrolmentImport({ programIds, onImported }: { programIds: string[]; onImported(): void }) {
  const [file, setFile] = useState<File | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const importing = useAction();
  const id = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    void importing.run(
      async () => {
        if (file.size > MAX_BYTES) throw new ApiError({ code: 'BAD_INPUT', message: `${file.name} is larger than 50 MB. Split it into smaller files and import each.` }, 'program-enrol-import');
        return invoke('program-enrol-import', { fileName: file.name, csv: await file.text() });
      },
      (r) => {
        onImported();
        setFile(null);
        if (input.current) input.current.value = '';
        return `Imported ${plural(r.rows, 'enrolment')} from ${file.name}: ${r.perProgram.map((p) => `${p.programId} ${p.rows}`).join(', ')}.`;
      },
    );
  };

  return (
    <form className="inset import-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Import enrolments</h3>
      <p className="hint" id={`${id}-hint`}>
        A CSV file with the header <code>{HEADER}</code>: one line per student and program, dates written yyyy-mm-dd, the end date empty while the student is
        enrolled. Program ids are listed above ({programIds.slice(0, 3).join(', ')}{programIds.length > 3 ? ', …' : ''}). A file with any bad line changes
        nothing; re-importing a line updates its dates.
      </p>
      <div className="import-row">
        <div className="field">
          <label htmlFor={`${id}-file`}>Enrolment file (CSV)</label>
          <input ref={input} id={`${id}-file`} type="file" accept=".csv,text/csv" aria-describedby={`${id}-hint`} onChange={(e) => { importing.clear(); setFile(e.target.files?.[0] ?? null); }} />
        </div>
        <button type="submit" className="button-primary" disabled={!file || importing.busy}>{importing.busy ? 'Importing…' : 'Import enrolments'}</button>
      </div>
      <ActionOutcome action={importing} errorTitle="Nothing was imported" />
    </form>
  );
}
