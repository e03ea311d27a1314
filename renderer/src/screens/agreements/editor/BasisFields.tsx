import type { CatalogInfo } from '../../../../../shared/api/agreements-api';
import { legalBases, type LegalBasis } from '../../../../../shared/agreement/types';
import type { BasisElement } from '../../../../../shared/agreement/requirements';
import type { EditorDraft } from './draft';

interface Props {
  draft: EditorDraft;
  catalog: CatalogInfo;
  onBasis(basis: LegalBasis): void;
  onElement(id: string, value: string | boolean): void;
}

/** The legal basis (one of five, each with its rule) as a radio group. */
export function BasisChoice({ draft, catalog, onBasis }: Omit<Props, 'onElement'>) {
  return (
    <fieldset className="choice-group" id="ed-legalBasis-group">
      <legend>Legal basis for sharing</legend>
      {legalBases.map((b, i) => (
        <label key={b} className="choice">
          <input
            type="radio"
            name="legalBasis"
            value={b}
            id={i === 0 ? 'ed-legalBasis' : undefined}
            checked={draft.legalBasis === b}
            onChange={() => onBasis(b)}
          />
          <span>
            <span className="choice-label">{catalog.basisLabels[b].label}</span>
            <span className="rule">{catalog.basisLabels[b].rule}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/**
 * Exactly the elements the chosen basis requires (shared/agreement/requirements.ts), each as a form
 * field with the question or clause and the rule it comes from.
 */
export function BasisElements({ draft, catalog, onElement }: Omit<Props, 'onBasis'>) {
  if (!draft.legalBasis) return <p className="muted">Choose the legal basis first: the elements it requires appear here.</p>;
  const elements = catalog.basisRequirements[draft.legalBasis];
  if (elements.length === 0) {
    return (
      <p className="explain">
        Directory information needs no further clauses. Every field granted below must be one the district designated in its annual public notice, and
        students whose parents opted out are never included. <span className="rule">34 CFR 99.31(a)(11), 99.37</span>
      </p>
    );
  }
  return (
    <div className="elements">
      {elements.map((el) => (
        <ElementField key={el.id} el={el} value={draft.basisElements[el.id]} onChange={(v) => onElement(el.id, v)} />
      ))}
    </div>
  );
}

function ElementField({ el, value, onChange }: { el: BasisElement; value: string | boolean | undefined; onChange(v: string | boolean): void }) {
  const id = `ed-basisElements-${el.id}`;
  const ruleId = `${id}-rule`;
  const rule = <span id={ruleId} className="rule">Required by {el.rule}</span>;
  if (el.kind === 'affirm') {
    return (
      <div className="element element-affirm">
        <label className="check">
          <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-clause ${ruleId}`} />
          <span className="element-label">{el.label}</span>
        </label>
        <p id={`${id}-clause`} className="clause">“{el.clause}”</p>
        {rule}
      </div>
    );
  }
  if (el.kind === 'choice') {
    return (
      <div className="element field">
        <label htmlFor={id} className="element-label">{el.label}</label>
        <span id={`${id}-q`} className="clause">{el.clause}</span>
        <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-q ${ruleId}`}>
          <option value="">Choose…</option>
          {el.choices?.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
        {rule}
      </div>
    );
  }
  const text = typeof value === 'string' ? value : '';
  const min = el.minLength ?? 1;
  return (
    <div className="element field">
      <label htmlFor={id} className="element-label">{el.label}</label>
      <span id={`${id}-q`} className="clause">{el.clause}</span>
      <textarea id={id} rows={3} value={text} maxLength={10_000} onChange={(e) => onChange(e.target.value)} aria-describedby={`${id}-q ${ruleId} ${id}-len`} />
      <span className="element-foot">
        {rule}
        <span id={`${id}-len`} className="hint">{text.trim().length < min ? `At least ${min} characters.` : ''}</span>
      </span>
    </div>
  );
}
