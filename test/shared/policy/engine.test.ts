import { describe, expect, it } from 'vitest';
import { evaluateStudent, renderRow, evaluateAll, explainAbsentField, cellDecision } from '../../../shared/policy/evaluate';
import { reasonCodes, reasons, type ReasonCode } from '../../../shared/policy/reasons';
import type { Cell, PolicyPlan, StudentDecision, StudentFacts } from '../../../shared/policy/types';
import type { ConsentGrant } from '../../../shared/consent/types';
import type { FieldGrant } from '../../../shared/agreement/types';
import { AGREEMENT, consent, content, plan, student, tctx } from './fixtures';

/** Every reason code a test below saw the engine produce; the last test checks none is untested. */
const produced = new Set<ReasonCode>();

function decide(p: PolicyPlan, s: StudentFacts = student(), consents?: ConsentGrant[]): StudentDecision {
  return evaluateStudent(p, s, consents);
}
function expectExcluded(d: StudentDecision, code: ReasonCode) {
  expect(d.included ? 'included' : d.reason, `student should be excluded with ${code}`).toBe(code);
  produced.add(code);
}
function cells(p: PolicyPlan, d: StudentDecision, values: Record<string, unknown> = {}): Cell[] {
  if (!d.included) throw new Error(`expected the student to be included, got ${d.reason}`);
  return renderRow(p, d, 's1', values as Record<string, string>, tctx());
}
function expectWithheld(c: Cell | undefined, code: ReasonCode) {
  expect(c, 'cell exists').toBeDefined();
  expect(c!.state === 'withheld' ? c!.reason : `${c!.state}:${String(c!.value)}`).toBe(code);
  expect(c!.value).toBeNull();
  produced.add(code);
}
const grant = (field: string, transform: FieldGrant['transform'] = 'asIs'): FieldGrant => ({ field, transform });

describe('default deny and the field catalog', () => {
  it('Include-only (NDPA Exhibit B schedule of data): a catalog field that is not granted never becomes a column', () => {
    const p = plan(content({ fields: [grant('student.firstName')] }));
    expect(p.columns.map((c) => c.field)).toEqual(['student.firstName']);
    const code = explainAbsentField(p, 'indicator.mealEligibility');
    expect(code).toBe('NOT_GRANTED');
    produced.add(code!);
    expect(explainAbsentField(p, 'student.firstName')).toBeNull();
  });

  it('Field catalog (default deny): a grant naming a field the catalog does not know is withheld', () => {
    const p = plan(content({ fields: [grant('student.ssn'), grant('student.firstName')] }));
    const row = cells(p, decide(p), { 'student.ssn': '123-45-6789', 'student.firstName': 'Ada' });
    expectWithheld(row[0], 'UNKNOWN_FIELD');
    expect(row[1]).toEqual({ state: 'shown', value: 'Ada' });
  });

  it('Field catalog: a transform the field does not allow is withheld, never sent raw', () => {
    const p = plan(content({ fields: [grant('student.lastName', 'zip3')] }));
    expectWithheld(cells(p, decide(p), { 'student.lastName': 'Lovelace' })[0], 'TRANSFORM_NOT_ALLOWED');
  });
});

describe('agreement status and term', () => {
  it('34 CFR 99.31(a): a draft or in-review version discloses nothing; a reviewer preview of it is marked not in force', () => {
    for (const status of ['draft', 'in-review'] as const) {
      expectExcluded(decide(plan(content(), { status })), 'AGREEMENT_NOT_APPROVED');
      const preview = plan(content(), { status, purpose: 'preview' });
      expect(preview.inForce).toBe(false);
      expect(preview.notInForce).toBe('AGREEMENT_NOT_APPROVED');
      expect(decide(preview).included).toBe(true);
    }
    for (const status of ['approved', 'active'] as const) {
      const p = plan(content(), { status });
      expect(p.inForce).toBe(true);
      expect(decide(p).included).toBe(true);
    }
  });

  it('34 CFR 99.31(a)(6)(iii)(C)(1): a terminated or expired version discloses nothing, not even in a preview', () => {
    for (const status of ['terminated', 'expired'] as const) {
      expectExcluded(decide(plan(content(), { status, purpose: 'preview' })), 'AGREEMENT_ENDED');
    }
  });

  it('34 CFR 99.31(a)(6)(iii)(C)(1): outside the term nothing flows; effective and expiry days are inside it', () => {
    expectExcluded(decide(plan(content(), { asOf: '2026-07-31' })), 'AGREEMENT_NOT_YET_EFFECTIVE');
    expectExcluded(decide(plan(content(), { asOf: '2027-08-01' })), 'AGREEMENT_EXPIRED');
    const onFirstDay = student({ programs: [{ programId: 'prog-tutoring', beginDate: '2026-08-01', endDate: null }] });
    expect(decide(plan(content(), { asOf: '2026-08-01' }), onFirstDay).included).toBe(true);
    expect(decide(plan(content(), { asOf: '2027-07-31' })).included).toBe(true);
  });
});

describe('student scope', () => {
  it('34 CFR 99.31(a)(1)(ii): only students enrolled in a covered program on the as-of date (begin and end days inclusive)', () => {
    const s = student({ programs: [{ programId: 'prog-tutoring', beginDate: '2026-09-01', endDate: '2026-09-30' }] });
    expect(decide(plan(content(), { asOf: '2026-09-01' }), s).included).toBe(true);
    expect(decide(plan(content(), { asOf: '2026-09-30' }), s).included).toBe(true);
    expectExcluded(decide(plan(content(), { asOf: '2026-10-01' }), s), 'STUDENT_NOT_IN_PROGRAM');
    expectExcluded(decide(plan(content()), student({ programs: [{ programId: 'other', beginDate: '2026-01-01', endDate: null }] })), 'STUDENT_NOT_IN_PROGRAM');
  });

  it('34 CFR 99.31(a)(1)(ii): a student who left the district is no longer disclosed', () => {
    expectExcluded(decide(plan(content()), student({ status: 'inactive' })), 'STUDENT_WITHDRAWN');
  });

  it('34 CFR 99.31(a)(1)(ii): school and grade rules narrow the program scope', () => {
    const c = content({ scope: { programIds: ['prog-tutoring'], schoolIds: ['sch-lincoln'], grades: ['03', '04'] } });
    expect(decide(plan(c)).included).toBe(true);
    expectExcluded(decide(plan(c), student({ schoolId: 'sch-adams' })), 'STUDENT_OUTSIDE_SCHOOL_SCOPE');
    expectExcluded(decide(plan(c), student({ grade: '05' })), 'STUDENT_OUTSIDE_GRADE_SCOPE');
    const schoolOnly = content({ scope: { programIds: [], schoolIds: ['sch-lincoln'], grades: [] } });
    expect(decide(plan(schoolOnly), student({ programs: [] })).included).toBe(true);
  });
});

describe('consent basis (34 CFR 99.30)', () => {
  const c = content({ legalBasis: 'consent', fields: [grant('student.firstName'), grant('student.lastName')] });

  it('34 CFR 99.30(a): without a signed consent naming this partner the student is excluded', () => {
    expectExcluded(decide(plan(c)), 'NO_CONSENT');
    expectExcluded(decide(plan(c), student(), [consent({ partnerId: 'another-partner' })]), 'NO_CONSENT');
    expectExcluded(decide(plan(c, { asOf: '2026-08-24' }), student({ programs: [{ programId: 'prog-tutoring', beginDate: '2026-08-01', endDate: null }] }), [consent()]), 'NO_CONSENT');
  });

  it('34 CFR 99.30(b)(1): only the records the consent lists are disclosed', () => {
    const d = decide(plan(c), student(), [consent({ fields: ['student.firstName'] })]);
    const row = cells(plan(c), d, { 'student.firstName': 'Ada', 'student.lastName': 'Lovelace' });
    expect(row[0]).toEqual({ state: 'shown', value: 'Ada' });
    expectWithheld(row[1], 'CONSENT_FIELD_NOT_COVERED');
  });

  it('34 CFR 99.30(a): a declined consent authorises nothing', () => {
    expectExcluded(decide(plan(c), student(), [consent({ status: 'declined' })]), 'CONSENT_DECLINED');
  });

  it('34 CFR 99.30(a): a refusal of one record withholds that cell as declined, not as "not covered"', () => {
    const consents = [
      consent({ id: 'yes', fields: ['student.firstName', 'student.lastName'] }),
      consent({ id: 'no', status: 'declined', signedOn: '2026-09-01', fields: ['student.lastName'] }),
    ];
    const row = cells(plan(c), decide(plan(c), student(), consents), { 'student.firstName': 'Ada', 'student.lastName': 'Lovelace' });
    expect(row[0]).toEqual({ state: 'shown', value: 'Ada' });
    expectWithheld(row[1], 'CONSENT_DECLINED');
    // A refusal for another purpose says nothing about this disclosure: the record is simply not covered.
    const elsewhere = [consents[0]!, consent({ id: 'no', status: 'declined', signedOn: '2026-09-01', fields: ['student.lastName'], purpose: 'mentoring' })];
    expect(cells(plan(c), decide(plan(c), student(), elsewhere), { 'student.lastName': 'Lovelace' })[1]).toEqual({ state: 'shown', value: 'Lovelace' });
    const narrower = [consent({ id: 'yes', fields: ['student.firstName'] }), elsewhere[1]!];
    expectWithheld(cells(plan(c), decide(plan(c), student(), narrower), {})[1], 'CONSENT_FIELD_NOT_COVERED');
    // A later consent to the record overrides the refusal.
    const changedMind = [...consents, consent({ id: 'yes-again', signedOn: '2026-09-05', fields: ['student.lastName'] })];
    expect(cells(plan(c), decide(plan(c), student(), changedMind), { 'student.firstName': 'Ada', 'student.lastName': 'Lovelace' })[1]).toEqual({ state: 'shown', value: 'Lovelace' });
  });

  it('34 CFR 99.30(a): revocation stops disclosure from its date, not before', () => {
    const revoked = [consent({ status: 'revoked', revokedOn: '2026-10-01' })];
    expect(decide(plan(c, { asOf: '2026-09-30' }), student(), revoked).included).toBe(true);
    expectExcluded(decide(plan(c, { asOf: '2026-10-01' }), student(), revoked), 'CONSENT_REVOKED');
  });

  it('34 CFR 99.30(a): an expired consent authorises nothing after its last day', () => {
    const expiring = [consent({ expiresOn: '2026-12-31' })];
    expect(decide(plan(c, { asOf: '2026-12-31' }), student(), expiring).included).toBe(true);
    expectExcluded(decide(plan(c, { asOf: '2027-01-01' }), student(), expiring), 'CONSENT_EXPIRED');
  });

  it('34 CFR 99.30(b)(3): a consent naming another agreement with the same partner does not count', () => {
    expectExcluded(decide(plan(c), student(), [consent({ agreementId: 'agr-other' })]), 'CONSENT_OTHER_AGREEMENT');
    expect(decide(plan(c), student(), [consent({ agreementId: null })]).included).toBe(true);
    expect(decide(plan(c), student(), [consent({ agreementId: AGREEMENT })]).included).toBe(true);
  });

  it('34 CFR 99.30(b)(2): a consent for another purpose does not count', () => {
    expectExcluded(decide(plan(c), student(), [consent({ purpose: 'mentoring' })]), 'CONSENT_WRONG_PURPOSE');
  });

  it('34 CFR 99.5(a): a parent\'s consent stops authorising new disclosures on the student\'s 18th birthday', () => {
    const adult = student({ birthDate: '2008-11-02', grade: '12' });
    expect(decide(plan(c, { asOf: '2026-11-01' }), adult, [consent()]).included).toBe(true);
    expectExcluded(decide(plan(c, { asOf: '2026-11-02' }), adult, [consent()]), 'CONSENT_AGE_OF_MAJORITY');
    const own = consent({ id: 'c2', signerRole: 'eligible-student', signedOn: '2026-11-05' });
    expect(decide(plan(c, { asOf: '2026-11-06' }), adult, [consent(), own]).included).toBe(true);
  });

  it('34 CFR 99.3 (eligible student): a consent signed as the student before their 18th birthday is not valid', () => {
    expectExcluded(decide(plan(c), student(), [consent({ signerRole: 'eligible-student' })]), 'CONSENT_SIGNER_NOT_ELIGIBLE');
  });

  it('34 CFR 99.30: of several failing consents the one that got furthest explains the exclusion', () => {
    const d = decide(plan(c), student(), [consent({ id: 'a', status: 'declined' }), consent({ id: 'b', purpose: 'mentoring' })]);
    expectExcluded(d, 'CONSENT_WRONG_PURPOSE');
  });
});

describe('directory information (34 CFR 99.31(a)(11), 99.37)', () => {
  const c = content({ legalBasis: 'directory', fields: [grant('student.firstName'), grant('student.grade'), grant('student.phone'), grant('indicator.homeless')] });

  it('34 CFR 99.37(a)(2): an opted-out student is excluded, so none of their directory fields are disclosed under the directory basis', () => {
    expectExcluded(decide(plan(c), student({ directoryOptOut: true })), 'DIRECTORY_OPT_OUT');
    expectExcluded(decide(plan(c), student({ directoryOptOut: true, status: 'active' })), 'DIRECTORY_OPT_OUT');
    // The opt-out governs directory disclosures only.
    expect(decide(plan(content()), student({ directoryOptOut: true })).included).toBe(true);
  });

  it('34 CFR 99.37(a)(1): only designated fields, and only once the designation was publicly noticed', () => {
    const row = cells(plan(c), decide(plan(c)), { 'student.firstName': 'Ada', 'student.grade': '04', 'student.phone': '555-0100' });
    expect(row[0]).toEqual({ state: 'shown', value: 'Ada' });
    expect(row[1]).toEqual({ state: 'shown', value: '04' });
    expectWithheld(row[2], 'NOT_DIRECTORY_DESIGNATED');
    expectExcluded(decide(plan(c, { asOf: '2026-08-14' })), 'DIRECTORY_NO_NOTICE');
    expectExcluded(decide(plan(c, { designation: { fields: ['student.firstName'], noticeDate: null } })), 'DIRECTORY_NO_NOTICE');
  });

  it('34 CFR 99.3; 42 U.S.C. 11432(g)(3)(G): living situation is never directory information, even if designated', () => {
    const row = cells(plan(c), decide(plan(c)), { 'indicator.homeless': true });
    expectWithheld(row[3], 'NOT_DIRECTORY_ELIGIBLE');
  });
});

describe('restricted regimes need consent under every basis', () => {
  const restricted: [string, ReasonCode, string][] = [
    ['indicator.mealEligibility', 'NSLA_RESTRICTED', '42 U.S.C. 1758(b)(6)'],
    ['indicator.iep', 'IDEA_RESTRICTED', '34 CFR 300.622'],
    ['indicator.disability', 'IDEA_RESTRICTED', '34 CFR 300.622'],
    ['indicator.section504', 'SECTION_504_RESTRICTED', '34 CFR 104.36'],
    ['indicator.homeless', 'MCKINNEY_VENTO_RESTRICTED', '42 U.S.C. 11432(g)(3)(G)'],
    ['indicator.fosterCare', 'FOSTER_CARE_RESTRICTED', '34 CFR 99.30'],
    ['indicator.healthAlert', 'HEALTH_RESTRICTED', 'State health-privacy law'],
    ['survey.wellbeing', 'PPRA_RESTRICTED', '20 U.S.C. 1232h'],
  ];
  for (const [field, code, cite] of restricted) {
    it(`${cite}: ${field} is withheld without a consent covering it under school-official, studies and audit bases`, () => {
      for (const basis of ['school-official', 'studies', 'audit-evaluation'] as const) {
        const c = content({ legalBasis: basis, fields: [grant('student.firstName'), grant(field)] });
        const p = plan(c);
        const raw = { 'student.firstName': 'Ada', [field]: 'value' };
        expectWithheld(cells(p, decide(p), raw)[1], code);
        expect(reasons[code].citation).toContain(cite);
        const withConsent = decide(p, student(), [consent({ fields: [field] })]);
        expect(cells(p, withConsent, raw)[1]).toEqual({ state: 'shown', value: 'value' });
        // A consent for this partner but another purpose covers nothing.
        expectWithheld(cells(p, decide(p, student(), [consent({ fields: [field], purpose: 'other' })]), raw)[1], code);
      }
    });
  }

  it('34 CFR 99.30(a): a parent who refused a restricted record for this partner and purpose is named as the reason', () => {
    const p = plan(content({ fields: [grant('student.firstName'), grant('indicator.iep')] }));
    const refusal = consent({ id: 'no-iep', status: 'declined', fields: ['indicator.iep'] });
    const row = cells(p, decide(p, student(), [refusal]), { 'student.firstName': 'Ada', 'indicator.iep': true });
    expect(row[0]).toEqual({ state: 'shown', value: 'Ada' });
    expectWithheld(row[1], 'CONSENT_DECLINED');
    // Without the refusal the regime's rule is the reason.
    expectWithheld(cells(p, decide(p, student(), [consent({ fields: ['student.firstName'] })]), { 'indicator.iep': true })[1], 'IDEA_RESTRICTED');
  });

  it('34 CFR 99.5(a): a parent\'s consent to a restricted field stops covering it on the 18th birthday', () => {
    const p = plan(content({ fields: [grant('indicator.iep')] }), { asOf: '2026-11-02' });
    const adult = student({ birthDate: '2008-11-02' });
    expectWithheld(cells(p, decide(p, adult, [consent({ fields: ['indicator.iep'] })]), { 'indicator.iep': true })[0], 'IDEA_RESTRICTED');
  });
});

describe('evaluation over many students', () => {
  it('counts every excluded student by reason and keeps the included ones in input order', () => {
    const p = plan(content());
    const facts = [student({ id: 'a' }), student({ id: 'b', status: 'inactive' }), student({ id: 'c' }), student({ id: 'd', programs: [] })];
    const set = evaluateAll(p, facts, new Map());
    expect(set.ids).toEqual(['a', 'c']);
    expect(set.excluded).toEqual({ STUDENT_WITHDRAWN: 1, STUDENT_NOT_IN_PROGRAM: 1 });
    expect(set.considered).toBe(4);
  });

  it('decides a consent-dependent cell without its value', () => {
    const p = plan(content({ fields: [grant('indicator.iep')] }));
    const d = decide(p, student(), [consent({ fields: ['indicator.iep'] })]);
    if (!d.included) throw new Error('included expected');
    expect(cellDecision(p.columns[0]!, d)).toEqual({ state: 'shown' });
  });
});

describe('the reason table', () => {
  it('has a label and a citation for every code', () => {
    for (const code of reasonCodes) {
      expect(reasons[code].label.length, code).toBeGreaterThan(10);
      expect(reasons[code].citation.length, code).toBeGreaterThan(5);
    }
  });

  // Runs last in this file (vitest keeps declaration order): every code must have been produced above.
  it('every reason code in the table is produced by a test above', () => {
    const untested = reasonCodes.filter((c) => !produced.has(c));
    expect(untested, 'reason codes no test produced').toEqual([]);
  });
});
