import type { PreviewSummary } from '../../../../shared/api/preview-api';
import { formatCount } from '../sharing/labels';

/** Students considered, included, and excluded by reason with the rule cited; the total is shown to add up. */
export function InclusionCounts({ summary: s }: { summary: PreviewSummary }) {
  const excluded = s.excluded.reduce((n, e) => n + e.count, 0);
  const addsUp = s.included + excluded === s.considered;
  return (
    <section className="panel counts-panel" aria-labelledby="counts-heading">
      <h2 id="counts-heading">Students</h2>
      <p className="big-number"><span data-testid="included-count">{formatCount(s.included)}</span> <span className="muted">included of {formatCount(s.considered)} considered</span></p>
      <table className="data-table compact counts-table" aria-labelledby="counts-heading">
        <thead><tr><th scope="col">Outcome</th><th scope="col" className="num">Students</th></tr></thead>
        <tbody>
          <tr className="row-included"><th scope="row">Included: a row each in the preview and the export</th><td className="num" data-testid="count-included">{formatCount(s.included)}</td></tr>
          {s.excluded.map((e) => (
            <tr key={e.code} data-reason={e.code}>
              <th scope="row">
                Excluded: {e.label} <code className="reason-code">{e.code}</code>
                <span className="rule">{e.citation}</span>
              </th>
              <td className="num" data-testid={`count-${e.code}`}>{formatCount(e.count)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr><th scope="row">Considered (in the agreement’s programs, schools or grades)</th><td className="num" data-testid="count-considered">{formatCount(s.considered)}</td></tr>
        </tfoot>
      </table>
      <p className={addsUp ? 'muted' : 'field-error'}>
        {addsUp ? `${formatCount(s.included)} included + ${formatCount(excluded)} excluded = ${formatCount(s.considered)} considered.` : 'The counts do not add up; report this to your IT contact.'}
      </p>
    </section>
  );
}
