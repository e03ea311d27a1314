import type { CatalogField, ExhibitBCategory, FieldId, TransformKind } from '../catalog';
import type { AgreementContent } from './types';

/** A minimisation hint: advice, never a block (the completeness check blocks; hints inform). */
export interface MinimisationHint {
  roleId: string | null;
  field: FieldId | null;
  kind: 'beyond-purpose' | 'generalise' | 'identifying' | 'needs-consent' | 'coppa';
  message: string;
  /** A transform of the same field that would serve the purpose with less data, when one exists. */
  suggestedTransform: TransformKind | null;
  rule: string;
}

const MINIMISE = '34 CFR 99.31(a)(1)(ii) (only what the legitimate interest needs); NDPA Exhibit B';

/** Purpose profiles: recognised from the purpose code and text; each lists data beyond that purpose. */
const profiles: { name: string; keywords: RegExp; beyond: (f: CatalogField) => boolean }[] = [
  {
    name: 'tutoring or academic support',
    keywords: /tutor|reading|literacy|math|homework|academic|instruction|stem|after-?school/i,
    beyond: (f) => f.category === 'Conduct' || f.category === 'Transportation' || f.category === 'Student survey responses'
      || ['indicator.healthAlert', 'indicator.mealEligibility', 'indicator.homeless', 'indicator.fosterCare', 'student.raceEthnicity'].includes(f.id),
  },
  {
    name: 'mentoring',
    keywords: /mentor/i,
    beyond: (f) => ['Transcript', 'Transportation', 'Student survey responses'].includes(f.category) || ['indicator.healthAlert', 'indicator.mealEligibility', 'indicator.disability'].includes(f.id),
  },
  {
    name: 'meals or nutrition',
    keywords: /meal|food|nutrition|lunch|breakfast/i,
    beyond: (f) => ['Assessment', 'Transcript', 'Conduct', 'Attendance', 'Student survey responses'].includes(f.category),
  },
  {
    name: 'health services',
    keywords: /health|clinic|medical|dental|vision|hearing|nurse/i,
    beyond: (f) => ['Assessment', 'Transcript', 'Conduct', 'Transportation'].includes(f.category) || f.id === 'indicator.mealEligibility',
  },
];

/** Generalisations that usually serve the purpose as well as the raw value. */
const generalise: Partial<Record<string, { to: TransformKind | null; message: string }>> = {
  'student.birthDate': { to: 'age', message: 'A full date of birth is an indirect identifier (99.3); age or birth year is usually enough.' },
  'student.localId': { to: 'pseudonym', message: 'The district student number links to every district record; a pseudonymous id lets the partner tell students apart without that key.' },
  'guardian.id': { to: 'pseudonym', message: 'A pseudonymous guardian id links siblings without exposing the district\'s record id.' },
  'student.postalCode': { to: 'zip3', message: 'The first three ZIP digits are usually enough to describe where students live.' },
  'student.address': { to: null, message: 'A street address is rarely needed: grant the ZIP code as zip3 instead, unless the partner visits homes.' },
  'attendance.rate': { to: 'chronicFlag', message: 'The chronic-absence flag is usually enough for outreach.' },
  'transport.stopLocation': { to: 'mask', message: 'A bus stop reveals where a child waits; mask it unless the partner picks students up.' },
};

const directIdentifiers: ExhibitBCategory[] = ['Student name', 'Student contact information', 'Parent/guardian name', 'Parent/guardian contact information'];

function matchingProfiles(c: AgreementContent) {
  const text = `${c.purposeCode} ${c.purpose}`;
  return profiles.filter((p) => p.keywords.test(text));
}

/**
 * Flags grants that go beyond the stated purpose and suggests a transform where one exists.
 * `partner.commercialSubprocessors` feeds the COPPA hint. Pure; unknown fields are ignored here
 * (the completeness check reports them).
 */
export function minimisationHints(c: AgreementContent, catalog: readonly CatalogField[], partner: { commercialSubprocessors: boolean }): MinimisationHint[] {
  const byId = new Map(catalog.map((f) => [f.id as string, f]));
  const hints: MinimisationHint[] = [];
  const purposes = matchingProfiles(c);
  for (const role of c.roles) {
    for (const g of role.fields) {
      const f = byId.get(g.field);
      if (!f) continue;
      const base = { roleId: role.id, field: f.id };
      for (const p of purposes) {
        if (p.beyond(f)) {
          const alt = f.transforms.find((t) => t !== 'asIs' && t !== g.transform && generalise[f.id]?.to === t) ?? null;
          hints.push({ ...base, kind: 'beyond-purpose', message: `${f.label} (${f.category}) goes beyond a ${p.name} purpose: remove it unless the role truly needs it.`, suggestedTransform: alt, rule: MINIMISE });
          break;
        }
      }
      const gen = generalise[f.id];
      if (gen && g.transform === 'asIs') hints.push({ ...base, kind: 'generalise', message: gen.message, suggestedTransform: gen.to, rule: MINIMISE });
      if ((c.legalBasis === 'studies' || c.legalBasis === 'audit-evaluation') && directIdentifiers.includes(f.category) && g.transform === 'asIs') {
        const masked = f.transforms.includes('mask') ? 'mask' : null;
        hints.push({ ...base, kind: 'identifying', message: `${f.label} directly identifies a student or parent; a ${c.legalBasis === 'studies' ? 'study' : 'evaluation'} rarely needs it (use the pseudonymous id to link records).`, suggestedTransform: masked, rule: c.legalBasis === 'studies' ? '34 CFR 99.31(a)(6)(iii)(A)' : '34 CFR 99.35(a)(3)(v)' });
      }
      if (f.sensitivity === 'restricted' && c.legalBasis !== 'consent' && c.legalBasis !== 'directory') {
        hints.push({ ...base, kind: 'needs-consent', message: `${f.label} flows only for students whose consent covers it, whatever the legal basis.`, suggestedTransform: null, rule: f.regimes.filter((r) => r !== 'FERPA').join(', ') });
      }
    }
  }
  const youngGrades = ['PK', 'KG', '01', '02', '03', '04', '05', '06', '07'];
  const mayIncludeUnder13 = c.scope.grades.length === 0 || c.scope.grades.some((g) => youngGrades.includes(g));
  if (partner.commercialSubprocessors && mayIncludeUnder13) {
    hints.push({ roleId: null, field: null, kind: 'coppa', message: 'The partner uses commercial subprocessors and the scope may include children under 13: check COPPA obligations (the district may consent only for educational use).', suggestedTransform: null, rule: 'COPPA, 15 U.S.C. 6501-6506; 16 CFR 312' });
  }
  return hints;
}
