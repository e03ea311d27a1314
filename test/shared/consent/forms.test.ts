import { describe, expect, it } from 'vitest';
import { renderConsentForms, formSigner, type ConsentFormInput } from '../../../shared/consent/forms';
import { categoryEs, fieldLabelEs } from '../../../shared/consent/forms-i18n';
import { catalogFields, exhibitBCategories } from '../../../shared/catalog';
import type { AgreementContent } from '../../../shared/agreement/types';

const content: AgreementContent = {
  title: 'Reading & meals <2026>', partnerId: 'p-1', legalBasis: 'consent', purpose: 'Reading tutoring after school.', purposeCode: 'reading-tutoring',
  basisElements: {}, effective: '2026-08-15', expires: '2027-06-30', destroyBy: '2027-09-30', scope: { programIds: [], schoolIds: [], grades: [] },
  roles: [
    { id: 'tutor', label: 'Tutor', legitimateInterest: '-', fields: [{ field: 'assessment.readingLevel', transform: 'asIs' }, { field: 'student.firstName', transform: 'asIs' }] },
    { id: 'coord', label: 'Site coordinator', legitimateInterest: '-', fields: [{ field: 'indicator.mealEligibility', transform: 'asIs' }, { field: 'student.birthDate', transform: 'age' }, { field: 'no.suchField', transform: 'asIs' }] },
  ],
};
const input = (over: Partial<ConsentFormInput> = {}): ConsentFormInput => ({
  language: 'en', districtName: 'Riverside USD', partnerName: 'Read & Rise', agreementId: 'a-1', agreementVersion: 2, content, catalog: catalogFields,
  formDate: '2026-09-15', students: [], ...over,
});
const student = (id: string, birthDate: string | null) => ({ id, localId: `L-${id}`, firstName: 'Ana', lastName: `Núñez-${id}`, schoolName: 'Lincoln', grade: '09', birthDate });

/** The records table of each role, as 'category | records' strings. */
function tables(html: string): string[][] {
  return [...html.matchAll(/<tbody>(.*?)<\/tbody>/g)].map((m) => [...m[1]!.matchAll(/<tr>(.*?)<\/tr>/g)].map((r) => [...r[1]!.matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]).join(' | ')));
}

describe('consent request forms (34 CFR 99.30)', () => {
  it('99.30(b)(1): lists exactly the records each role would receive (catalog order), grouped by Exhibit B category, with how an altered one is shared; unknown ids never appear', () => {
    const { html, pages } = renderConsentForms(input());
    expect(pages).toBe(1);
    expect(tables(html)).toEqual([
      ['Student name | First name', 'Assessment | Reading performance level'],
      ['Demographics | Date of birth <span class="how">(age in years only)</span>', 'Special indicator | Meal eligibility'],
    ]);
    expect(html).not.toContain('no.suchField');
    expect(html).toContain('Role: Tutor');
    expect(html).toContain('Read &amp; Rise');
    expect(html).toContain('Reading &amp; meals &lt;2026&gt;');
  });

  it('states the purpose, the end date, the right to refuse and to revoke, who signs, and has signature and date lines', () => {
    const { html } = renderConsentForms(input());
    for (const text of ['Reading tutoring after school.', 'until June 30, 2027', 'You may refuse', 'You may revoke this consent at any time', '34 CFR 99.5', 'Signature', 'Date', 'I do not consent.']) expect(html).toContain(text);
  });

  it('Spanish: every sentence, category and field label is translated', () => {
    const { html } = renderConsentForms(input({ language: 'es' }));
    expect(html).toContain('<html lang="es">');
    for (const text of ['Consentimiento para compartir expedientes educativos del estudiante', 'hasta el 30 de junio de 2027', 'Usted puede negarse', 'Usted puede revocar este consentimiento', 'Firma', 'Fecha', 'No doy mi consentimiento.', 'Elegibilidad para comidas gratuitas o a precio reducido', 'Indicadores especiales', 'solo la edad en años']) {
      expect(html).toContain(text);
    }
    expect(html).not.toMatch(/Your rights|Signature|Special indicator|as recorded/);
  });

  it('every catalog field and every Exhibit B category has a Spanish label', () => {
    expect(catalogFields.filter((f) => !fieldLabelEs[f.id]).map((f) => f.id)).toEqual([]);
    expect(exhibitBCategories.filter((c) => !categoryEs[c])).toEqual([]);
  });

  it('a batch has one page per student with the name filled in, page breaks between; a student of 18 signs for themself (99.5(a))', () => {
    const { html, pages } = renderConsentForms(input({ students: [student('1', '2012-01-01'), student('2', '2008-09-15')] }));
    expect(pages).toBe(2);
    expect(html.match(/<section class="page"/g)).toHaveLength(2);
    expect(html).toContain('Ana Núñez-1');
    expect(html).toContain('a-1 / v2 / reading-tutoring / 1');
    const [first, second] = html.split('<section class="page"').slice(1);
    expect(first).toContain('must be signed by a parent or guardian');
    expect(second).toContain('the student signs this form');
    expect(second).not.toContain('Relationship to student');
    expect(formSigner('2008-09-16', '2026-09-15')).toBe('parent');
    expect(formSigner(null, '2026-09-15')).toBe('parent');
  });
});
