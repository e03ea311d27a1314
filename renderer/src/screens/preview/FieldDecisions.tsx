import type { CatalogInfo } from '../../../../shared/api/agreements-api';
import type { PreviewSummary } from '../../../../shared/api/preview-api';
import { formatCount, transformShortLabels } from '../sharing/labels';

const decisionWords = { shown: 'Shown', transformed: 'Transformed', withheld: 'Withheld', conditional: 'Only with consent' } as const;
const decisionMarks = { shown: '●', transformed: '◐', withheld: '⊘', conditional: '◑' } as const;

/** Each granted field: shown, transformed (how) or withheld (why), and for how many students; then what is not granted. */
export function FieldDecisions({ summary: s, catalog }: { summary: PreviewSummary; catalog: CatalogInfo | undefined }) {
  return (
    <section className="panel fields-panel" aria-labelledby="fields-heading">
      <h2 id="fields-heading">Fields this role receives</h2>
      <table className="data-table compact" aria-labelledby="fields-heading">
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Decision</th><th scope="col">Why</th><th scope="col" className="num">Sent for</th></tr>
        </thead>
        <tbody>
          {s.fields.map((f) => {
            const reason = f.reason ? catalog?.reasons[f.reason] : undefined;
            return (
              <tr key={f.column} data-column={f.column}>
                <th scope="row">
                  {f.label}
                  <span className="field-meta">{f.category}{f.restricted ? ' · restricted' : ''}</span>
                </th>
                <td>
                  <span className={`decision decision-${f.decision}`}><span aria-hidden="true">{decisionMarks[f.decision]}</span> {decisionWords[f.decision]}</span>
                  {f.decision === 'transformed' && <span className="field-meta">{transformShortLabels[f.transform]}</span>}
                </td>
                <td>
                  {f.decision === 'shown' && <>Granted as recorded</>}
                  {f.decision === 'transformed' && <>{catalog?.transforms[f.transform] ?? transformShortLabels[f.transform]}</>}
                  {f.reason && (
                    <>
                      <code className="reason-code">{f.reason}</code> {reason?.label}
                      {reason && <span className="rule">{reason.citation}</span>}
                    </>
                  )}
                </td>
                <td className="num">
                  {formatCount(f.disclosedCount)}
                  {f.withheldCount > 0 && <span className="field-meta">withheld for {formatCount(f.withheldCount)}</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details className="not-granted">
        <summary>Not granted to this role: {s.notGranted.length} other catalog fields (never sent)</summary>
        <p className="muted">
          <code className="reason-code">NOT_GRANTED</code> {catalog?.reasons.NOT_GRANTED?.label}. <span className="rule">{catalog?.reasons.NOT_GRANTED?.citation}</span>
        </p>
        <ul className="inline-list">{s.notGranted.map((f) => <li key={f.field}>{f.label}</li>)}</ul>
      </details>
    </section>
  );
}
