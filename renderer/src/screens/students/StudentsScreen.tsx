import { useId, useMemo, useState } from 'react';
import type { ScreenProps } from '../types';
import { useDebounced, useQuery } from '../../api/hooks';
import type { ApiError } from '../../api/client';
import { ErrorNotice } from '../../app/ErrorNotice';
import { StudentsGrid } from './StudentsGrid';
import { gradeOptions, type StudentFilters } from './student-query';

const count = new Intl.NumberFormat('en-US');

/** The district's students: school, grade and name/ID filters over a grid that pages through SQL. */
export default function StudentsScreen(_props: ScreenProps) {
  const schools = useQuery('schools-list', {});
  const [schoolId, setSchoolId] = useState('');
  const [grade, setGrade] = useState('');
  const [searchText, setSearchText] = useState('');
  const search = useDebounced(searchText, 250);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const ids = { school: useId(), grade: useId(), search: useId(), searchHint: useId(), count: useId() };
  const filters = useMemo<StudentFilters>(() => ({ schoolId, grade, search }), [schoolId, grade, search]);
  const filtered = Boolean(schoolId || grade || search.trim());

  const clear = () => {
    setSchoolId('');
    setGrade('');
    setSearchText('');
  };

  return (
    <div className="students-screen">
      <form className="toolbar" role="search" aria-label="Filter students" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.school}>School</label>
          <select id={ids.school} value={schoolId} onChange={(e) => setSchoolId(e.target.value)} disabled={!schools.data}>
            <option value="">All schools</option>
            {schools.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({count.format(s.studentCount)})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.grade}>Grade</label>
          <select id={ids.grade} value={grade} onChange={(e) => setGrade(e.target.value)}>
            <option value="">All grades</option>
            {gradeOptions.map((g) => (
              <option key={g.code} value={g.code}>
                {g.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-grow">
          <label htmlFor={ids.search}>Name or student ID</label>
          <input
            id={ids.search}
            type="search"
            value={searchText}
            onChange={(e) => setSearchText(e.target.value)}
            placeholder="Start of a first name, last name or ID"
            aria-describedby={ids.searchHint}
            autoComplete="off"
            spellCheck={false}
            maxLength={100}
          />
          <span id={ids.searchHint} className="visually-hidden">Results update as you type.</span>
        </div>
        {filtered && (
          <button type="button" className="button-secondary" onClick={clear}>
            Clear filters
          </button>
        )}
      </form>

      <p id={ids.count} className="row-count" role="status" aria-live="polite" aria-atomic="true">
        {total === null ? 'Counting students…' : filtered ? `${count.format(total)} ${total === 1 ? 'student matches' : 'students match'} these filters` : `${count.format(total)} students`}
      </p>

      {schools.error && <ErrorNotice error={schools.error} />}
      {error && <ErrorNotice error={error} />}

      <StudentsGrid filters={filters} onTotal={setTotal} onError={setError} labelledBy="page-title" describedBy={ids.count} />
    </div>
  );
}
