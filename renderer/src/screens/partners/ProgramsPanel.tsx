import { useId, useState, type FormEvent } from 'react';
import { useQuery } from '../../api/hooks';
import { invoke } from '../../api/client';
import { ActionOutcome, Panel, Problem, useAction } from '../sharing/ui';
import { formatCount } from '../sharing/labels';
import { EnrolmentImport } from './EnrolmentImport';
import { EnrolmentList } from './EnrolmentList';

/** A partner's programs: the list with today's enrolment counts, adding one, importing enrolments. */
export function ProgramsPanel({ partnerId, onChanged }: { partnerId: string; onChanged(): void }) {
  const programs = useQuery('programs-list', { partnerId });
  const schools = useQuery('schools-list', {});
  const [adding, setAdding] = useState(false);
  const [name, setName] = useState('');
  const [schoolId, setSchoolId] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const add = useAction();
  const id = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run(() => invoke('program-create', { partnerId, name: name.trim(), schoolId: schoolId || null }), (p) => {
      setName('');
      setSchoolId('');
      setAdding(false);
      programs.reload();
      onChanged();
      return `Added the program ${p.name} (id ${p.id}).`;
    });
  };
  const list = programs.data ?? [];
  const shown = list.find((p) => p.id === open);

  return (
    <Panel
      title="Programs"
      id="programs-heading"
      actions={!adding && <button type="button" className="button-secondary" onClick={() => { add.clear(); setAdding(true); }}>Add a program</button>}
    >
      <p className="hint">A program is a service the partner runs, for example after-school tutoring at one school. An agreement covers the students enrolled in its programs.</p>
      {adding && (
        <form className="form-grid inset" onSubmit={submit} aria-label="Add a program">
          <div className="field">
            <label htmlFor={`${id}-name`}>Program name</label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} required placeholder="After-school tutoring, Lincoln Elementary" autoComplete="off" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-school`}>Runs at</label>
            <select id={`${id}-school`} value={schoolId} onChange={(e) => setSchoolId(e.target.value)}>
              <option value="">Every school (district-wide)</option>
              {schools.data?.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
            </select>
          </div>
          <div className="form-actions field-wide">
            <button type="submit" className="button-primary" disabled={add.busy || !name.trim()}>Add program</button>
            <button type="button" className="button-secondary" onClick={() => setAdding(false)}>Cancel</button>
          </div>
        </form>
      )}
      <ActionOutcome action={add} errorTitle="The program was not added" />
      {programs.error && <Problem error={programs.error} title="The programs could not be read" />}
      {programs.data && list.length === 0 && <p>No programs yet.</p>}
      {list.length > 0 && (
        <table className="data-table" aria-labelledby="programs-heading">
          <thead>
            <tr><th scope="col">Program</th><th scope="col">Program id (for the CSV)</th><th scope="col">School</th><th scope="col" className="num">Enrolled today</th><th scope="col"><span className="visually-hidden">Enrolments</span></th></tr>
          </thead>
          <tbody>
            {list.map((p) => (
              <tr key={p.id}>
                <th scope="row">{p.name}</th>
                <td><code>{p.id}</code></td>
                <td>{p.schoolName ?? 'District-wide'}</td>
                <td className="num">{formatCount(p.enrolledCount)}</td>
                <td>
                  <button type="button" className="button-link" aria-expanded={open === p.id} onClick={() => setOpen(open === p.id ? null : p.id)}>
                    {open === p.id ? 'Hide students' : 'Show students'}<span className="visually-hidden"> of {p.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown && <EnrolmentList program={shown} />}
      {list.length > 0 && (
        <EnrolmentImport
          programIds={list.map((p) => p.id)}
          onImported={() => {
            programs.reload();
            onChanged();
          }}
        />
      )}
    </Panel>
  );
}
