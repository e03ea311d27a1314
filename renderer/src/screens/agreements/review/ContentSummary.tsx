import type { AgreementVersionView, CatalogInfo } from '../../../../../shared/api/agreements-api';
import { useQuery } from '../../../api/hooks';
import { Panel } from '../../sharing/ui';
import { longDate, transformShortLabels } from '../../sharing/labels';

/** The version's content as a reviewer reads it: purpose, term, scope, and each role's schedule of data with its hints. */
export function ContentSummary({ view: v, catalog }: { view: AgreementVersionView; catalog: CatalogInfo }) {
  const c = v.content;
  const programs = useQuery('programs-list', { partnerId: c.partnerId });
  const schools = useQuery('schools-list', {});
  const programNames = c.scope.programIds.map((p) => programs.data?.find((x) => x.id === p)?.name ?? p);
  const schoolNames = c.scope.schoolIds.map((s) => schools.data?.find((x) => x.id === s)?.name ?? s);
  const field = (id: string) => catalog.fields.find((f) => f.id === id);

  return (
    <Panel title="Content of this version" id="content-heading">
      <dl className="facts facts-stacked">
        <div><dt>Purpose</dt><dd>{c.purpose || <span className="muted">Not stated</span>} {c.purposeCode && <span className="muted">(code {c.purposeCode})</span>}</dd></div>
        <div><dt>Term</dt><dd>{c.effective && c.expires ? `${longDate(c.effective)} to ${longDate(c.expires)}` : <span className="muted">Not set</span>}</dd></div>
        <div><dt>Partner destroys the data by</dt><dd>{c.destroyBy ? longDate(c.destroyBy) : <span className="muted">Not set</span>}</dd></div>
        <div>
          <dt>Students covered</dt>
          <dd>
            {programNames.length > 0 ? `Enrolled in ${programNames.join('; ')}` : 'Not limited to programs'}
            {schoolNames.length > 0 && `; at ${schoolNames.join(', ')}`}
            {c.scope.grades.length > 0 && `; grades ${c.scope.grades.join(', ')}`}
          </dd>
        </div>
      </dl>
      {c.roles.map((r) => {
        const roleHints = v.hints.filter((h) => h.roleId === r.id);
        const headingId = `role-summary-${r.id || 'unnamed'}`;
        return (
          <section key={r.id} className="role-summary" aria-labelledby={headingId}>
            <h3 id={headingId}>{r.label || r.id} <span className="muted">({r.id})</span></h3>
            {r.legitimateInterest && <p className="muted">Legitimate interest: {r.legitimateInterest}</p>}
            <table className="data-table compact" aria-labelledby={headingId}>
              <thead><tr><th scope="col">Field</th><th scope="col">Exhibit B category</th><th scope="col">Sent as</th><th scope="col">Notes</th></tr></thead>
              <tbody>
                {r.fields.map((g) => {
                  const f = field(g.field);
                  const fh = roleHints.filter((h) => h.field === g.field);
                  return (
                    <tr key={g.field}>
                      <th scope="row">{f?.label ?? g.field}</th>
                      <td>{f?.category ?? 'Unknown field'}</td>
                      <td>{transformShortLabels[g.transform]}</td>
                      <td className="notes">
                        {f?.sensitivity === 'restricted' && <span className="tag tag-restricted">Restricted: only with consent</span>}
                        {fh.map((h, i) => <span key={i} className="hint-note"><span className="hint-tag">Hint</span> {h.message}</span>)}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </Panel>
  );
}
