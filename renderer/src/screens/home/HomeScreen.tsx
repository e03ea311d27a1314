import type { ScreenProps } from '../types';
import { useQuery } from '../../api/hooks';
import { ErrorNotice } from '../../app/ErrorNotice';
import { hrefFor } from '../../app/routing';

const count = new Intl.NumberFormat('en-US');
const when = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' });

/** The overview: what the store on this computer holds. */
export default function HomeScreen(_props: ScreenProps) {
  const summary = useQuery('district-summary', {});
  const s = summary.data;
  return (
    <div className="home-screen">
      <p className="lede">
        {s?.districtName ? `The ${s.districtName} store on this computer: ` : 'The district store on this computer: '}
        student records imported from your student information system, kept encrypted.
      </p>
      {summary.error && <ErrorNotice error={summary.error} title="The store could not be read" />}
      <section aria-labelledby="home-counts">
        <h2 id="home-counts">In the store</h2>
        {!s && !summary.error && <p className="muted">Loading…</p>}
        {s && (
          <dl className="stat-grid">
            <div className="stat">
              <dt>Students</dt>
              <dd>{count.format(s.students)}</dd>
            </div>
            <div className="stat">
              <dt>Schools</dt>
              <dd>{count.format(s.schools)}</dd>
            </div>
            <div className="stat">
              <dt>Guardians</dt>
              <dd>{count.format(s.guardians)}</dd>
            </div>
            <div className="stat">
              <dt>Last import</dt>
              <dd className="stat-text">{s.lastImportAt ? when.format(new Date(s.lastImportAt)) : 'No import yet'}</dd>
            </div>
          </dl>
        )}
      </section>
      <section aria-labelledby="home-next">
        <h2 id="home-next">Start here</h2>
        <ul className="link-list">
          <li>
            <a href={hrefFor('students')}>Students</a>
            <span className="muted"> — find a student by name or ID, and sort or filter by school and grade.</span>
          </li>
        </ul>
      </section>
    </div>
  );
}
