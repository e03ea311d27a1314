import type { CompletenessIssue } from '../../../../../shared/agreement/completeness';
import type { MinimisationHint } from '../../../../../shared/agreement/hints';
import { plural } from '../../sharing/labels';

interface Props {
  issues: CompletenessIssue[];
  hints: MinimisationHint[];
  checking: boolean;
  /** Moves focus to the control an issue is about. */
  onGoTo(issue: CompletenessIssue): void;
}

/**
 * The live completeness check: every missing or invalid element with the rule it comes from. An
 * agreement with any left cannot be submitted or approved. Hints are advice and never block.
 */
export function CompletenessPanel({ issues, hints, checking, onGoTo }: Props) {
  const complete = issues.length === 0;
  const general = hints.filter((h) => h.field === null);
  const fieldHints = hints.length - general.length;
  return (
    <section className={`completeness ${complete ? 'is-complete' : 'is-incomplete'}`} aria-labelledby="completeness-heading">
      <h2 id="completeness-heading">Completeness check</h2>
      <p className="completeness-status" role="status" aria-live="polite" aria-atomic="true">
        {complete
          ? <><span className="mark" aria-hidden="true">✓</span> Complete: every element the legal basis requires is there.</>
          : <><span className="mark" aria-hidden="true">!</span> {plural(issues.length, 'element')} missing or invalid. It cannot be approved until {issues.length === 1 ? 'it is' : 'they are'} fixed.</>}
        {checking && <span className="visually-hidden"> (checking…)</span>}
      </p>
      {!complete && (
        <ol className="issue-list" aria-label="Missing or invalid elements">
          {issues.map((i) => (
            <li key={`${i.path}|${i.message}`}>
              <button type="button" className="issue-link" onClick={() => onGoTo(i)}>{i.message}</button>
              <span className="rule">{i.rule}</span>
            </li>
          ))}
        </ol>
      )}
      {(general.length > 0 || fieldHints > 0) && (
        <div className="hint-summary">
          <h3>Minimisation hints</h3>
          {fieldHints > 0 && <p>{plural(fieldHints, 'hint')} beside the granted fields: data that may go beyond the purpose, or a transform that would do with less.</p>}
          {general.map((h, i) => <p key={i} className="hint-note"><span className="hint-tag">Hint</span> {h.message} <span className="rule">{h.rule}</span></p>)}
        </div>
      )}
    </section>
  );
}
