import { useState } from 'react';
import type { Program } from '../../../../shared/api/programs-api';
import { useQuery } from '../../api/hooks';
import { Problem } from '../sharing/ui';
import { formatCount, longDate } from '../sharing/labels';

const PAGE = 25;

/** The students enrolled in one program, a page at a time (the steward's own screen: names shown). */
export function EnrolmentList({ program }: { program: Program }) {
  const [offset, setOffset] = useState(0);
  const page = useQuery('program-enrolments-list', { programId: program.id, offset, limit: PAGE });
  const total = page.data?.total ?? 0;
  const headingId = `enrol-${program.id}`;
  return (
    <section className="inset" aria-labelledby={headingId}>
      <h3 id={headingId}>Students in {program.name}</h3>
      {page.error && <Problem error={page.error} title="The enrolments could not be read" />}
      {page.data && total === 0 && <p>No student is enrolled yet. Import enrolments below.</p>}
      {page.data && total > 0 && (
        <>
          <table className="data-table compact" aria-labelledby={headingId}>
            <thead>
              <tr><th scope="col">Student ID</th><th scope="col">Name</th><th scope="col">Grade</th><th scope="col">From</th><th scope="col">Until</th></tr>
            </thead>
            <tbody>
              {page.data.rows.map((r) => (
                <tr key={r.studentId}>
                  <td>{r.localId}</td>
                  <td>{r.lastName}, {r.firstName}</td>
                  <td>{r.grade}</td>
                  <td>{longDate(r.beginDate)}</td>
                  <td>{r.endDate ? longDate(r.endDate) : 'Still enrolled'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            <button type="button" className="button-secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>Previous</button>
            <span role="status" aria-live="polite">
              {formatCount(offset + 1)}–{formatCount(Math.min(total, offset + PAGE))} of {formatCount(total)}
            </span>
            <button type="button" className="button-secondary" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>Next</button>
          </div>
        </>
      )}
    </section>
  );
}
