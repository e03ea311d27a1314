import { useId } from 'react';
import type { RoleGrant } from '../../../../shared/agreement/types';

interface Props {
  roles: readonly Pick<RoleGrant, 'id' | 'label'>[];
  value: string;
  onChange(roleId: string): void;
}

/** The agreement role a preview or an export is for (a role without a label shows its id). */
export function RoleSelect({ roles, value, onChange }: Props) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Role</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {roles.map((r) => <option key={r.id} value={r.id}>{r.label || r.id}</option>)}
      </select>
    </div>
  );
}
