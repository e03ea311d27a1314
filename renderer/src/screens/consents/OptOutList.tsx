import { useId, useState, type FormEvent } from 'react';
import type { StudentRow } from '../../../../shared/api/students-api';
import type { OptOutRow } from '../../../../shared/api/consents-api';
import { invoke, toApiError, type ApiError } from '../../api/client';
import { useDebounced, useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { hrefFor } from '../../app/routing';
import { Dialog } from '../../components/Dialog';
import { plural, usDate } from '../../components/format';
import { StudentSearch } from '../../components/StudentSearch';

const PAGE = 100;
const byWhom = { parent: 'Parent or guardian', 'eligible-student': 'The student (18 or older)' } as const;

/** Directory opt-outs (99.37(a)(2)), including students who left: list, add, end. */
export function OptOutList({ onChange }: { onChange(): void }) {
  const [includeRemoved, setIncludeRemoved] = useState(false);
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText.trim(), 250);
  const [limit, setLimit] = useState(PAGE);
  const list = useQuery('optouts-list', { offset: 0, limit, includeRemoved, ...(search ? { search } : {}) });
  const [open, setOpen] = useState<{ kind: 'add' } | { kind: 'end'; row: OptOutRow } | null>(null);
  const [announce, setAnnounce] = useState('');
  const ids = { search: useId(), removed: useId(), count: useId() };
  const changed = (msg: string) => {
    setOpen(null);
    setAnnounce(msg);
    list.reload();
    onChange();
  };
  const rows = list.data?.rows ?? [];

  return (
    <section className="section" aria-labelledby="optouts-heading">
      <div className="section-head">
        <h2 id="optouts-heading">Opt-outs</h2>
        <button type="button" className="button-primary" onClick={() => setOpen({ kind: 'add' })}>Record an opt-out</button>
      </div>
      <form className="toolbar" role="search" aria-label="Filter opt-outs" onSubmit={(e) => e.preventDefault()}>
        <div className="field field-grow">
          <label htmlFor={ids.search}>Name or student ID</label>
          <input id={ids.search} type="search" value={searchText} onChange={(e) => setSearchText(e.target.value)} autoComplete="off" spellCheck={false} maxLength={100} />
        </div>
        <label className="choice">
          <input id={ids.removed} type="checkbox" checked={includeRemoved} onChange={(e) => setIncludeRemoved(e.target.checked)} /> Include ended opt-outs
        </label>
      </form>
      <p id={ids.count} className="row-count" role="status" aria-live="polite">
        {list.data ? plural(list.data.total, includeRemoved ? 'opt-out' : 'opt-out in force', includeRemoved ? 'opt-outs' : 'opt-outs in force') : 'Loading opt-outs…'}
        {announce && ` · ${announce}`}
      </p>
      {list.error && <ErrorNotice error={list.error} title="The opt-outs could not be read" />}
      {list.data && rows.length === 0 && <p className="empty">{search ? 'No opt-out matches.' : 'No student has opted out of directory information.'}</p>}
      {rows.length > 0 && (
        <table className="table" aria-describedby={ids.count}>
          <caption className="visually-hidden">Directory-information opt-outs, newest first</caption>
          <thead>
            <tr><th scope="col">Student</th><th scope="col">Enrollment</th><th scope="col">Requested</th><th scope="col">By</th><th scope="col">State</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td><a href={hrefFor(`consents/${r.studentId}`)}>{r.studentLastName}, {r.studentFirstName}</a> <span className="muted">ID {r.studentLocalId}</span></td>
                <td>{r.studentStatus === 'active' ? 'Enrolled' : 'Left the district (opt-out still holds)'}</td>
                <td>{usDate(r.requestedOn)}</td>
                <td>{byWhom[r.requestedBy]}</td>
                <td>{r.removedOn ? <span className="status status-neutral">Ended {usDate(r.removedOn)}</span> : <span className="status status-ok">In force</span>}</td>
                <td className="cell-actions">
                  {!r.removedOn && (
                    <button type="button" className="button-small" onClick={() => setOpen({ kind: 'end', row: r })} aria-label={`End the opt-out of ${r.studentFirstName} ${r.studentLastName}`}>End…</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data && rows.length < list.data.total && (
        <button type="button" className="button-secondary show-more" onClick={() => setLimit((l) => Math.min(1000, l + PAGE))} disabled={limit >= 1000}>
          Show more ({rows.length} of {list.data.total} shown)
        </button>
      )}
      {open?.kind === 'add' && <AddOptOutDialog onClose={() => setOpen(null)} onAdded={(r) => changed(`Opt-out recorded for ${r.studentFirstName} ${r.studentLastName}.`)} />}
      {open?.kind === 'end' && <EndOptOutDialog row={open.row} onClose={() => setOpen(null)} onEnded={(r) => changed(`Opt-out of ${r.studentFirstName} ${r.studentLastName} ended.`)} />}
    </section>
  );
}

function AddOptOutDialog({ onClose, onAdded }: { onClose(): void; onAdded(r: OptOutRow): void }) {
  const [student, setStudent] = useState<StudentRow | null>(null);
  return (
    <Dialog title="Record a directory opt-out" description="The parent (or the student at 18) refused disclosure of directory information (34 CFR 99.37(a)(2))." onClose={onClose}>
      {student ? (
        <AddOptOutForm student={student} onChangeStudent={() => setStudent(null)} onClose={onClose} onAdded={onAdded} />
      ) : (
        <div className="form">
          <StudentSearch label="Student name or ID" onPick={setStudent} limit={6} />
          <div className="form-actions">
            <button type="button" className="button-secondary" onClick={onClose}>Cancel</button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function AddOptOutForm({ student, onChangeStudent, onClose, onAdded }: { student: StudentRow; onChangeStudent(): void; onClose(): void; onAdded(r: OptOutRow): void }) {
  const view = useQuery('consent-student', { studentId: student.id });
  const today = view.data?.today ?? '';
  const [requestedOn, setRequestedOn] = useState('');
  const [requestedBy, setRequestedBy] = useState<'parent' | 'eligible-student'>('parent');
  const [error, setError] = useState<ApiError | null>(null);
  const dateId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onAdded(await invoke('optout-add', { studentId: student.id, requestedOn: requestedOn || today, requestedBy }));
    } catch (err) {
      setError(toApiError(err, 'optout-add'));
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p>
        Student: <strong>{student.lastName}, {student.firstName}</strong> (ID {student.localId}){' '}
        <button type="button" className="button-small button-quiet" onClick={onChangeStudent}>Choose another student</button>
      </p>
      {view.data?.optOut && <p className="notice">This student already has an opt-out in force, recorded for {usDate(view.data.optOut.requestedOn)}.</p>}
      {view.error && <ErrorNotice error={view.error} />}
      <div className="field">
        <label htmlFor={dateId}>Requested on</label>
        <input id={dateId} type="date" value={requestedOn || today} max={today || undefined} onChange={(e) => setRequestedOn(e.target.value)} />
      </div>
      <fieldset className="fieldset">
        <legend>Requested by</legend>
        <div className="choice-row">
          {(['parent', 'eligible-student'] as const).map((b) => (
            <label key={b} className="choice"><input type="radio" name="requested-by" checked={requestedBy === b} onChange={() => setRequestedBy(b)} /> {byWhom[b]}</label>
          ))}
        </div>
      </fieldset>
      {error && <ErrorNotice error={error} title="The opt-out was not recorded" />}
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={!today}>Record opt-out</button>
        <button type="button" className="button-secondary" onClick={onClose}>Cancel</button>
      </div>
    </form>
  );
}

function EndOptOutDialog({ row, onClose, onEnded }: { row: OptOutRow; onClose(): void; onEnded(r: OptOutRow): void }) {
  const view = useQuery('consent-student', { studentId: row.studentId });
  const today = view.data?.today ?? '';
  const [removedOn, setRemovedOn] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const dateId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      onEnded(await invoke('optout-remove', { studentId: row.studentId, removedOn: removedOn || today }));
    } catch (err) {
      setError(toApiError(err, 'optout-remove'));
    }
  };
  return (
    <Dialog title="End a directory opt-out" description={`${row.studentFirstName} ${row.studentLastName} (ID ${row.studentLocalId}), opted out on ${usDate(row.requestedOn)}. End it only on a written request.`} onClose={onClose}>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={dateId}>Ended on (the day the request was received)</label>
          <input id={dateId} type="date" value={removedOn || today} min={row.requestedOn} max={today || undefined} onChange={(e) => setRemovedOn(e.target.value)} />
        </div>
        {error && <ErrorNotice error={error} title="The opt-out was not ended" />}
        <div className="form-actions">
          <button type="submit" className="button-danger" disabled={!today}>End opt-out</button>
          <button type="button" className="button-secondary" onClick={onClose}>Cancel</button>
        </div>
      </form>
    </Dialog>
  );
}
