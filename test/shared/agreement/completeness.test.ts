import { describe, expect, it } from 'vitest';
import { checkCompleteness, type CompletenessContext } from '../../../shared/agreement/completeness';
import { basisRequirements } from '../../../shared/agreement/requirements';
import { legalBases, type AgreementContent } from '../../../shared/agreement/types';
import { catalogFields } from '../../../shared/catalog';
import { content, designation, PARTNER, PROGRAM } from '../policy/fixtures';

const ctx: CompletenessContext = {
  catalog: catalogFields, designation,
  programs: [{ id: PROGRAM, partnerId: PARTNER }, { id: 'prog-other', partnerId: 'someone-else' }],
  schoolIds: ['sch-lincoln'], partnerIds: [PARTNER],
};
const paths = (c: AgreementContent) => checkCompleteness(c, ctx).map((i) => i.path);

describe('completeness per legal basis', () => {
  it('a complete agreement of every basis has no issues', () => {
    for (const basis of legalBases) expect(checkCompleteness(content({ legalBasis: basis }), ctx), basis).toEqual([]);
  });

  it('34 CFR 99.31(a)(6): a study must name one of the three allowed purposes, scope, duration, use limitation, no re-identification and destruction', () => {
    const issues = checkCompleteness(content({ legalBasis: 'studies', basisElements: { studyPurpose: 'marketing' } }), ctx);
    expect(issues.map((i) => i.path).sort()).toEqual(basisRequirements.studies.map((e) => `basisElements.${e.id}`).sort());
    expect(issues.find((i) => i.path === 'basisElements.studyPurpose')!.rule).toBe('34 CFR 99.31(a)(6)(i)');
    expect(issues.find((i) => i.path === 'basisElements.noReidentification')!.rule).toContain('(C)(3)');
    expect(issues.find((i) => i.path === 'basisElements.destruction')!.rule).toContain('(C)(4)');
  });

  it('34 CFR 99.35(a)(3): an audit/evaluation needs the designation, the program, the activity, destruction, protection policies and a compliance check', () => {
    const issues = checkCompleteness(content({ legalBasis: 'audit-evaluation', basisElements: {} }), ctx);
    const rules = Object.fromEntries(issues.map((i) => [i.path, i.rule]));
    expect(rules['basisElements.representativeDesignation']).toBe('34 CFR 99.35(a)(3)(i)');
    expect(rules['basisElements.programEvaluated']).toBe('34 CFR 99.35(a)(3)(ii)(B)');
    expect(rules['basisElements.activityDescription']).toBe('34 CFR 99.35(a)(3)(ii)(C)');
    expect(rules['basisElements.protectionPolicies']).toBe('34 CFR 99.35(a)(3)(v)');
    expect(rules['basisElements.complianceCheckMethod']).toBe('34 CFR 99.35(a)(2)');
    expect(rules['basisElements.destruction']).toContain('99.35(a)(3)(iii)');
  });

  it('34 CFR 99.31(a)(1)(i)(B): a school official needs the function, direct control, redisclosure limits, annual-notice criteria and each role\'s legitimate interest', () => {
    const c = content({ legalBasis: 'school-official', basisElements: { directControl: false } });
    c.roles[0]!.legitimateInterest = '';
    expect(paths(c).sort()).toEqual(['basisElements.annualNoticeCriteria', 'basisElements.directControl', 'basisElements.institutionalFunction', 'basisElements.redisclosureLimits', 'roles[0].legitimateInterest']);
  });

  it('34 CFR 99.30(b): a consent agreement needs the form wording, the recipient and the purpose', () => {
    expect(paths(content({ legalBasis: 'consent', basisElements: { consentRecipient: 'ReadWell' } })).sort()).toEqual(['basisElements.consentFormWording', 'basisElements.consentPurpose']);
  });

  it('34 CFR 99.37(a)(1), 99.3: under the directory basis a non-designated or never-directory field is itself an error', () => {
    const c = content({ legalBasis: 'directory', fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'student.phone', transform: 'asIs' }, { field: 'student.raceEthnicity', transform: 'asIs' }] });
    const issues = checkCompleteness(c, ctx);
    expect(issues.map((i) => [i.path, i.rule])).toEqual([
      ['roles[0].fields[1].field', '34 CFR 99.37(a)(1)'],
      ['roles[0].fields[2].field', '34 CFR 99.3 (directory information), 99.31(a)(11)'],
    ]);
    expect(paths({ ...content({ legalBasis: 'directory' }) })).toEqual([]);
    expect(checkCompleteness(content({ legalBasis: 'directory' }), { ...ctx, designation: { fields: designation.fields, noticeDate: null } }).map((i) => i.path)).toEqual(['legalBasis']);
  });
});

describe('completeness of terms, scope and grants', () => {
  it('the term runs forward and destruction is not before expiry (equal is allowed)', () => {
    expect(paths(content({ effective: '2027-01-01', expires: '2026-12-31' }))).toContain('expires');
    expect(paths(content({ effective: '2027-01-01', expires: '2027-01-01' }))).toContain('expires');
    expect(paths(content({ destroyBy: '2027-07-30' }))).toEqual(['destroyBy']);
    expect(paths(content({ destroyBy: '2027-07-31' }))).toEqual([]);
    expect(paths(content({ effective: '2026-02-30' }))).toEqual(['effective']);
  });

  it('scope must name students, with programs of this partner and known schools', () => {
    expect(paths(content({ scope: { programIds: [], schoolIds: [], grades: [] } }))).toEqual(['scope']);
    expect(paths(content({ scope: { programIds: ['prog-other', 'nope'], schoolIds: ['sch-x'], grades: ['4'] } }))).toEqual(['scope.programIds[0]', 'scope.programIds[1]', 'scope.schoolIds[0]', 'scope.grades[0]']);
  });

  it('roles are non-empty, uniquely named, grant known fields once, with transforms the catalog allows', () => {
    expect(paths(content({ roles: [] }))).toEqual(['roles']);
    const c = content({ fields: [{ field: 'student.ssn', transform: 'asIs' }, { field: 'student.lastName', transform: 'age' }, { field: 'student.lastName', transform: 'asIs' }] });
    c.roles.push({ ...c.roles[0]!, id: 'tutor', fields: [] });
    expect(paths(c)).toEqual(['roles[0].fields[0].field', 'roles[0].fields[1].transform', 'roles[0].fields[2].field', 'roles[1].id', 'roles[1].fields']);
  });

  it('names the partner, a title, a purpose and a purpose code', () => {
    expect(paths(content({ title: ' ', partnerId: 'unknown', purpose: 'x', purposeCode: 'Reading Tutoring' }))).toEqual(['title', 'partnerId', 'purpose', 'purposeCode', 'scope.programIds[0]']);
  });
});
