import type { ScreenProps } from '../types';
import { StudentSearch } from '../../components/StudentSearch';
import { hrefFor } from '../../app/routing';
import { StudentConsents } from './StudentConsents';
import '../../styles/records.css';

/**
 * Consents per student: find the student (`#/consents`), then see and change their consents
 * (`#/consents/<studentId>`).
 */
export default function ConsentsScreen({ params, navigate }: ScreenProps) {
  const studentId = params[0];
  if (studentId) return <StudentConsents key={studentId} studentId={studentId} />;
  return (
    <div className="consents-find">
      <p className="lede">
        Written consent (34 CFR 99.30) is the only lawful route for most partner work touching meal eligibility, disability, living
        situation or health. Find a student to see their consents, record a signed form, or revoke one.
      </p>
      <section className="card" aria-labelledby="find-heading">
        <h2 id="find-heading">Find a student</h2>
        <StudentSearch label="Student name or ID" onPick={(s) => navigate(`consents/${s.id}`)} />
      </section>
      <p className="muted">
        For an agreement's whole roster, see <a href={hrefFor('consent-coverage')}>consent coverage</a>; for directory information, see{' '}
        <a href={hrefFor('directory')}>directory designation and opt-outs</a>.
      </p>
    </div>
  );
}
