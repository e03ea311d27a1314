import { useState } from 'react';
import type { CatalogInfo } from '../../../../../shared/api/agreements-api';
import type { CatalogField, TransformKind } from '../../../../../shared/catalog/types';
import type { FieldGrant, LegalBasis, RoleGrant } from '../../../../../shared/agreement/types';
import type { MinimisationHint } from '../../../../../shared/agreement/hints';
import { slugify, transformShortLabels } from '../../sharing/labels';
import { followsSource, grantControlId } from './draft';

interface Props {
  index: number;
  role: RoleGrant;
  catalog: CatalogInfo;
  basis: LegalBasis | '';
  /** Fields in the district's directory designation (the directory basis may grant only these). */
  designated: readonly string[];
  hints: MinimisationHint[];
  canRemove: boolean;
  onChange(role: RoleGrant): void;
  onRemove(): void;
}

const regimeWords: Record<string, string> = {
  NSLA: 'meal eligibility (NSLA)', IDEA: 'special education (IDEA)', SECTION_504: 'Section 504', MCKINNEY_VENTO: 'homeless status (McKinney-Vento)',
  FOSTER_CARE: 'foster care', HEALTH: 'health data', PPRA: 'PPRA survey',
};

/** One partner role: its name, legitimate interest, and the field grants picked from the catalog by Exhibit B category. */
export function RoleEditor({ index, role, catalog, basis, designated, hints, canRemove, onChange, onRemove }: Props) {
  const name = role.label.trim() || `Role ${index + 1}`;
  const byCategory = catalog.categories
    .map((category) => ({ category, fields: catalog.fields.filter((f) => f.category === category) }))
    .filter((c) => c.fields.length > 0);
  const granted = new Map(role.fields.map((g) => [g.field as string, g]));
  const setGrant = (f: CatalogField, grant: FieldGrant | null) => {
    const fields = grant
      ? granted.has(f.id) ? role.fields.map((g) => (g.field === f.id ? grant : g)) : [...role.fields, grant]
      : role.fields.filter((g) => g.field !== f.id);
    onChange({ ...role, fields });
  };
  const interestRequired = basis === 'school-official';

  return (
    <fieldset className="role-card">
      <legend>Role {index + 1}: {name}</legend>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`ed-role-${index}-label`}>Role name</label>
          <input
            id={`ed-role-${index}-label`}
            value={role.label}
            maxLength={200}
            placeholder="Tutor"
            autoComplete="off"
            onChange={(e) => onChange({ ...role, label: e.target.value, id: followsSource(role.id, role.label, slugify) ? slugify(e.target.value) : role.id })}
          />
        </div>
        <div className="field">
          <label htmlFor={`ed-role-${index}-id`}>Role id</label>
          <input id={`ed-role-${index}-id`} value={role.id} maxLength={60} autoComplete="off" spellCheck={false} aria-describedby={`ed-role-${index}-id-hint`} onChange={(e) => onChange({ ...role, id: e.target.value })} />
          <span id={`ed-role-${index}-id-hint`} className="hint">Lower case and hyphens; packages and previews name the role by it.</span>
        </div>
        <div className="field field-wide">
          <label htmlFor={`ed-role-${index}-legitimateInterest`}>
            Legitimate interest {interestRequired ? '' : <span className="optional">(recommended)</span>}
          </label>
          <textarea
            id={`ed-role-${index}-legitimateInterest`}
            rows={2}
            value={role.legitimateInterest}
            maxLength={5000}
            aria-describedby={`ed-role-${index}-interest-rule`}
            onChange={(e) => onChange({ ...role, legitimateInterest: e.target.value })}
          />
          <span id={`ed-role-${index}-interest-rule`} className="rule">
            Why this role needs the data{interestRequired ? ': required for a school official, 34 CFR 99.31(a)(1)(ii)' : ' (34 CFR 99.32(a)(3)(ii))'}
          </span>
        </div>
      </div>

      <h3 className="grants-title" id={`ed-role-${index}-fields`} tabIndex={-1}>
        Data this role receives <span className="muted">({role.fields.length} of {catalog.fields.length} fields granted; nothing else is ever sent)</span>
      </h3>
      {byCategory.map(({ category, fields }) => (
        <CategoryGrants
          key={category}
          index={index}
          roleName={name}
          category={category}
          fields={fields}
          granted={granted}
          basis={basis}
          designated={designated}
          hints={hints.filter((h) => h.roleId === role.id)}
          catalog={catalog}
          onGrant={setGrant}
        />
      ))}
      {canRemove && (
        <div className="form-actions">
          <button type="button" className="button-danger" onClick={onRemove}>Remove the role {name}</button>
        </div>
      )}
    </fieldset>
  );
}

interface CategoryProps {
  index: number;
  roleName: string;
  category: string;
  fields: CatalogField[];
  granted: Map<string, FieldGrant>;
  basis: LegalBasis | '';
  designated: readonly string[];
  hints: MinimisationHint[];
  catalog: CatalogInfo;
  onGrant(f: CatalogField, grant: FieldGrant | null): void;
}

/** One NDPA Exhibit B category: its fields, each with a grant switch and the transform it leaves with. */
function CategoryGrants({ index, roleName, category, fields, granted, basis, designated, hints, catalog, onGrant }: CategoryProps) {
  const count = fields.filter((f) => granted.has(f.id)).length;
  const [open] = useState(count > 0);
  return (
    <details className="grant-category" open={open}>
      <summary>
        <span className="category-name">{category}</span> <span className="muted">{count > 0 ? `${count} of ${fields.length} granted` : `${fields.length} field${fields.length === 1 ? '' : 's'}`}</span>
      </summary>
      <table className="grant-table">
        <caption className="visually-hidden">{category} fields for {roleName}</caption>
        <thead>
          <tr><th scope="col">Field</th><th scope="col">Sent as</th><th scope="col">Notes</th></tr>
        </thead>
        <tbody>
          {fields.map((f) => {
            const g = granted.get(f.id);
            const fieldHints = hints.filter((h) => h.field === f.id);
            const grantId = grantControlId(index, f.id, 'grant');
            const transformId = grantControlId(index, f.id, 'transform');
            const notDirectory = basis === 'directory' && (!f.directoryEligible || !designated.includes(f.id));
            return (
              <tr key={f.id} className={g ? 'granted' : undefined}>
                <td>
                  <label className="check">
                    <input id={grantId} type="checkbox" checked={!!g} aria-describedby={`${grantId}-d`} onChange={(e) => onGrant(f, e.target.checked ? { field: f.id, transform: f.transforms[0] ?? 'asIs' } : null)} />
                    <span className="field-name">{f.label}</span>
                  </label>
                  <span id={`${grantId}-d`} className="field-desc">{f.element}. {f.description}</span>
                </td>
                <td>
                  {g ? (
                    <select id={transformId} aria-label={`How ${f.label} is sent`} value={g.transform} onChange={(e) => onGrant(f, { field: f.id, transform: e.target.value as TransformKind })}>
                      {f.transforms.map((t) => <option key={t} value={t} title={catalog.transforms[t]}>{transformShortLabels[t]}</option>)}
                    </select>
                  ) : (
                    <span className="muted">Not sent</span>
                  )}
                </td>
                <td className="notes">
                  {f.sensitivity === 'restricted' && (
                    <span className="tag tag-restricted">Restricted: flows only with consent ({f.regimes.filter((r) => r !== 'FERPA').map((r) => regimeWords[r] ?? r).join(', ')})</span>
                  )}
                  {notDirectory && <span className="tag tag-warn">{f.directoryEligible ? 'Not in the district’s directory designation' : 'Never directory information'}</span>}
                  {g && fieldHints.map((h, i) => (
                    <span key={i} className="hint-note">
                      <span className="hint-tag">Hint</span> {h.message} <span className="rule">{h.rule}</span>
                      {h.suggestedTransform && h.suggestedTransform !== g.transform && f.transforms.includes(h.suggestedTransform) && (
                        <button type="button" className="button-link" onClick={() => onGrant(f, { field: f.id, transform: h.suggestedTransform! })}>
                          Send as {transformShortLabels[h.suggestedTransform].toLowerCase()}<span className="visually-hidden"> ({f.label}, {roleName})</span>
                        </button>
                      )}
                    </span>
                  ))}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </details>
  );
}
