import { useId, useState } from 'react';
import type { StudentRow } from '../../../shared/api/students-api';
import { useDebounced, useQuery } from '../api/hooks';
import { ErrorNotice } from '../app/ErrorNotice';
import { formatCount } from './format';

export interface StudentSearchProps {
  /** The search box's label. */
  label: string;
  onPick(student: StudentRow): void;
  /** How many matches to list. */
  limit?: number;
  autoFocus?: boolean;
}

/**
 * Find one student by the start of a name or their student ID: a search box and the first
 * matches as buttons (SQL does the matching). The match count is announced as it changes.
 */
export function StudentSearch({ label, onPick, limit = 8, autoFocus }: StudentSearchProps) {
  const [text, setText] = useState('');
  const search = useDebounced(text.trim(), 250);
  const ids = { input: useId(), hint: useId(), status: useId() };
  const result = useQuery('students-list', { offset: 0, limit, sort: [{ column: 'lastName', direction: 'asc' }, { column: 'firstName', direction: 'asc' }], ...(search ? { search } : {}) });
  const rows = search ? (result.data?.rows ?? []) : [];
  const total = result.data?.total ?? 0;

  return (
    <div className="student-search">
      <div className="field field-grow">
        <label htmlFor={ids.input}>{label}</label>
        <input
          id={ids.input}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="Start of a first name, last name or student ID"
          aria-describedby={`${ids.hint} ${ids.status}`}
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          autoFocus={autoFocus}
        />
        <span id={ids.hint} className="visually-hidden">Matching students are listed below the box as you type.</span>
      </div>
      <p id={ids.status} className="search-status" role="status" aria-live="polite">
        {!search ? '' : result.loading ? 'Searching…' : total === 0 ? 'No student matches.' : total > rows.length ? `${formatCount(total)} students match; the first ${rows.length} are listed. Type more to narrow.` : `${formatCount(total)} ${total === 1 ? 'student matches' : 'students match'}.`}
      </p>
      {result.error && search && <ErrorNotice error={result.error} />}
      {rows.length > 0 && (
        <ul className="student-results" aria-label="Matching students">
          {rows.map((s) => (
            <li key={s.id}>
              <button type="button" className="student-result" onClick={() => onPick(s)}>
                <span className="student-result-name">{s.lastName}, {s.firstName}</span>
                <span className="student-result-meta">ID {s.localId} · {s.schoolName} · grade {s.grade}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
