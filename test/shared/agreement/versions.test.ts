import { describe, expect, it } from 'vitest';
import { diffAgreements } from '../../../shared/agreement/diff';
import { allowedActions, editEffect, effectiveStatus, nextStatus } from '../../../shared/agreement/status';
import { minimisationHints } from '../../../shared/agreement/hints';
import { catalogFields } from '../../../shared/catalog';
import { content } from '../policy/fixtures';

describe('version diff', () => {
  it('shows added and removed fields per role, transform changes, changed terms and basis elements', () => {
    const a = content({ fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'student.birthDate', transform: 'asIs' }, { field: 'student.phone', transform: 'asIs' }] });
    const b = content({ expires: '2027-06-30', fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'student.birthDate', transform: 'age' }, { field: 'student.grade', transform: 'asIs' }] });
    b.basisElements = { ...b.basisElements, directControl: false };
    b.roles.push({ id: 'coordinator', label: 'Coordinator', legitimateInterest: 'Schedules', fields: [{ field: 'student.school', transform: 'asIs' }] });
    b.scope = { ...b.scope, grades: ['03'] };
    const d = diffAgreements(a, b);
    expect(d.same).toBe(false);
    expect(d.terms).toEqual([{ key: 'expires', from: '2027-07-31', to: '2027-06-30' }]);
    expect(d.basisElements).toEqual([{ key: 'directControl', from: true, to: false }]);
    expect(d.scope).toEqual([{ key: 'grades', added: ['03'], removed: [] }]);
    expect(d.roles).toEqual([
      { roleId: 'tutor', change: 'changed', fieldsAdded: [{ field: 'student.grade', transform: 'asIs' }], fieldsRemoved: [{ field: 'student.phone', transform: 'asIs' }], transformsChanged: [{ field: 'student.birthDate', from: 'asIs', to: 'age' }], propertiesChanged: [] },
      { roleId: 'coordinator', change: 'added', fieldsAdded: [{ field: 'student.school', transform: 'asIs' }], fieldsRemoved: [], transformsChanged: [], propertiesChanged: [] },
    ]);
    expect(diffAgreements(a, a).same).toBe(true);
  });
});

describe('status machine', () => {
  it('draft -> in-review -> approved -> active -> expired | terminated; nothing skips review', () => {
    expect(nextStatus('draft', 'submit')).toBe('in-review');
    expect(nextStatus('in-review', 'return')).toBe('draft');
    expect(nextStatus('in-review', 'approve')).toBe('approved');
    expect(nextStatus('approved', 'activate')).toBe('active');
    expect(nextStatus('active', 'expire')).toBe('expired');
    expect(nextStatus('active', 'terminate')).toBe('terminated');
    expect(nextStatus('draft', 'approve')).toBeNull();
    expect(nextStatus('draft', 'activate')).toBeNull();
    expect(nextStatus('terminated', 'activate')).toBeNull();
    expect(allowedActions('in-review').sort()).toEqual(['approve', 'return']);
  });

  it('editing after review starts a new version; ended versions cannot be edited', () => {
    expect(editEffect('draft')).toBe('in-place');
    for (const s of ['in-review', 'approved', 'active'] as const) expect(editEffect(s)).toBe('new-version');
    for (const s of ['expired', 'terminated'] as const) expect(editEffect(s)).toBe('refused');
    expect(effectiveStatus('active', '2027-07-31', '2027-08-01')).toBe('expired');
    expect(effectiveStatus('active', '2027-07-31', '2027-07-31')).toBe('active');
  });
});

describe('minimisation hints', () => {
  it('flags conduct and health data for a reading-tutoring purpose and suggests generalising birth date, id, ZIP and attendance', () => {
    const c = content({ fields: [
      { field: 'conduct.incidentCount', transform: 'asIs' }, { field: 'indicator.healthAlert', transform: 'asIs' },
      { field: 'student.birthDate', transform: 'asIs' }, { field: 'student.localId', transform: 'asIs' },
      { field: 'student.address', transform: 'asIs' }, { field: 'attendance.rate', transform: 'asIs' }, { field: 'student.firstName', transform: 'asIs' },
    ] });
    const hints = minimisationHints(c, catalogFields, { commercialSubprocessors: false });
    const by = (field: string, kind: string) => hints.find((h) => h.field === field && h.kind === kind);
    expect(by('conduct.incidentCount', 'beyond-purpose')?.message).toContain('tutoring');
    expect(by('indicator.healthAlert', 'beyond-purpose')).toBeDefined();
    expect(by('indicator.healthAlert', 'needs-consent')).toBeDefined();
    expect(by('student.birthDate', 'generalise')?.suggestedTransform).toBe('age');
    expect(by('student.localId', 'generalise')?.suggestedTransform).toBe('pseudonym');
    expect(by('student.address', 'generalise')?.message).toContain('zip3');
    expect(by('attendance.rate', 'generalise')?.suggestedTransform).toBe('chronicFlag');
    expect(hints.some((h) => h.field === 'student.firstName')).toBe(false);
    expect(hints.some((h) => h.kind === 'coppa')).toBe(false);
  });

  it('COPPA: flags a partner with commercial subprocessors when the scope may include children under 13', () => {
    const hints = minimisationHints(content(), catalogFields, { commercialSubprocessors: true });
    expect(hints.filter((h) => h.kind === 'coppa')).toHaveLength(1);
    const highSchool = content({ scope: { programIds: ['p'], schoolIds: [], grades: ['10', '11'] } });
    expect(minimisationHints(highSchool, catalogFields, { commercialSubprocessors: true }).some((h) => h.kind === 'coppa')).toBe(false);
  });
});
