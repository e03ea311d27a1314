import type { Program } from '../../../../../shared/api/programs-api';
import type { SchoolSummary } from '../../../../../shared/api/students-api';
import type { StudentScope } from '../../../../../shared/agreement/types';
import { formatCount, gradeLabels } from '../../sharing/labels';

interface Props {
  scope: StudentScope;
  programs: Program[];
  schools: SchoolSummary[];
  partnerChosen: boolean;
  onChange(scope: StudentScope): void;
}

const toggle = (list: string[], value: string, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value));

/**
 * Which students the agreement covers: enrolment in the partner's programs, narrowed by schools and
 * grades (without programs, every student of the chosen schools and grades).
 */
export function ScopeFields({ scope, programs, schools, partnerChosen, onChange }: Props) {
  return (
    <div className="scope" id="ed-scope" tabIndex={-1}>
      <fieldset className="check-group">
        <legend>Programs</legend>
        {!partnerChosen && <p className="muted">Choose the partner first: its programs appear here.</p>}
        {partnerChosen && programs.length === 0 && <p className="muted">This partner has no programs yet. Add them on the partner's page, or scope by school and grade.</p>}
        {programs.map((p) => (
          <label key={p.id} className="check">
            <input type="checkbox" checked={scope.programIds.includes(p.id)} onChange={(e) => onChange({ ...scope, programIds: toggle(scope.programIds, p.id, e.target.checked) })} />
            {p.name} <span className="muted">({formatCount(p.enrolledCount)} enrolled)</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="check-group">
        <legend>Schools <span className="optional">(optional: narrows the programs)</span></legend>
        <div className="check-columns">
          {schools.map((s) => (
            <label key={s.id} className="check">
              <input type="checkbox" checked={scope.schoolIds.includes(s.id)} onChange={(e) => onChange({ ...scope, schoolIds: toggle(scope.schoolIds, s.id, e.target.checked) })} />
              {s.name}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="check-group">
        <legend>Grades <span className="optional">(optional)</span></legend>
        <div className="check-row">
          {gradeLabels.map((g) => (
            <label key={g.code} className="check check-compact">
              <input type="checkbox" checked={scope.grades.includes(g.code)} onChange={(e) => onChange({ ...scope, grades: toggle(scope.grades, g.code, e.target.checked) })} aria-label={g.code === 'PK' ? 'Pre-kindergarten' : g.code === 'KG' ? 'Kindergarten' : `Grade ${g.label}`} />
              <span aria-hidden="true">{g.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
