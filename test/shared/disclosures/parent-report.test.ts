import { describe, expect, it } from 'vitest';
import { parentReportHtml } from '../../../shared/disclosures/parent-report';
import { spanishFieldLabels, spanishCategoryNames } from '../../../shared/disclosures/field-labels';
import { destructionState, recordRequiredBy9932 } from '../../../shared/disclosures/legal-basis';
import { catalogFields, exhibitBCategories } from '../../../shared/catalog';
import type { DisclosureEvent, StudentDisclosureHistory } from '../../../shared/disclosures/types';

function event(over: Partial<DisclosureEvent> = {}): DisclosureEvent {
  return {
    packageId: 'pkg-1', partnerId: 'p-tutor', partnerName: 'Bright Futures Tutoring', agreementId: 'agr-1', agreementVersion: 2, role: 'tutor',
    legalBasis: 'school-official', purpose: 'After-school reading tutoring', legitimateInterest: 'Tutors plan sessions from reading levels',
    fields: ['student.firstName', 'student.lastName', 'assessment.readingLevel'], ideaFields: [], requiredBy9932: false,
    disclosedOn: '2026-09-15', destroyBy: '2027-06-30', destructionState: 'kept', destructions: [], ...over,
  };
}

const history = (events: DisclosureEvent[]): StudentDisclosureHistory => ({
  student: { id: 'stu-1', localId: 'L00001', firstName: 'Ana', lastName: 'García', schoolName: 'Lincoln Elementary' }, events,
});

/** The visible text of the document, tags stripped, entities decoded: what a parent reads. */
const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe('the parent report', () => {
  const destroyed = event({
    packageId: 'pkg-0', partnerId: 'p-eval', partnerName: 'Lakeside University', legalBasis: 'studies', requiredBy9932: true, legitimateInterest: null,
    fields: ['student.localId', 'indicator.iep', 'indicator.disability'], ideaFields: ['indicator.iep', 'indicator.disability'],
    disclosedOn: '2025-10-01', destroyBy: '2026-06-30', destructionState: 'destroyed',
    destructions: [{ id: 'd1', agreementId: 'agr-0', destroyedOn: '2026-06-20', method: 'Secure erase', signedBy: 'J. Rivera', categories: 'all', certificateSha256: 'a'.repeat(64) }],
  });

  it('in English: who, when, why, what (by Exhibit B category), until when, destroyed or not, and which records the law requires', () => {
    const t = text(parentReportHtml(history([event(), destroyed]), { lang: 'en', generatedOn: '2026-10-01', districtName: 'Riverbend Unified' }));
    expect(t).toContain("Who has received Ana García's information");
    expect(t).toContain('Student ID: L00001');
    expect(t).toContain("The district shared Ana García's information 2 times, with 2 organizations.");
    expect(t).toContain('Bright Futures Tutoring (staff role: tutor)');
    expect(t).toContain('Date shared September 15, 2026');
    expect(t).toContain('Student name: First name, Last name');
    expect(t).toContain('Assessment: Reading performance level');
    expect(t).toContain('They may keep it until June 30, 2027');
    expect(t).toContain('Not yet. The organization must destroy it by June 30, 2027.');
    expect(t).toContain('Recorded voluntarily');
    expect(t).toContain('Yes, destroyed on June 20, 2026 (Secure erase; certificate signed by J. Rivera).');
    expect(t).toContain('Federal law requires the district to keep this record (34 CFR 99.32).');
    expect(t).toContain('Includes special education information (Individualized education program (IEP), Disability category)');
    expect(t).toContain('300.614');
    expect(t.indexOf('Bright Futures')).toBeLessThan(t.indexOf('Lakeside'));
  });

  it('in Spanish: the same facts in Spanish, dates written the Spanish way, agreement text marked as English', () => {
    const html = parentReportHtml(history([event(), destroyed]), { lang: 'es', generatedOn: '2026-10-01' });
    const t = text(html);
    expect(html).toContain('<html lang="es">');
    expect(t).toContain('¿Quién ha recibido la información de Ana García?');
    expect(t).toContain('El distrito compartió la información de Ana García 2 veces, con 2 organizaciones.');
    expect(t).toContain('Fecha en que se compartió 15 de septiembre de 2026');
    expect(t).toContain('Nombre del estudiante: Nombre, Apellido');
    expect(t).toContain('Evaluaciones: Nivel de desempeño en lectura');
    expect(t).toContain('Todavía no. La organización debe destruirla a más tardar el 30 de junio de 2027.');
    expect(t).toContain('Sí, se destruyó el 20 de junio de 2026');
    expect(t).toContain('La ley federal exige que el distrito lleve este registro (34 CFR 99.32).');
    expect(t).toContain('Incluye información de educación especial');
    expect(html).toContain('<span lang="en" class="en-text">After-school reading tutoring</span>');
    expect(t).not.toMatch(/\b(Date shared|Information shared|Not yet)\b/);
  });

  it('says so plainly when nothing was shared, and when the destroy-by date passed without a certificate', () => {
    expect(text(parentReportHtml(history([]), { lang: 'en', generatedOn: '2026-10-01' }))).toContain("The district has no record of sharing Ana García's information with any organization outside the district.");
    expect(text(parentReportHtml(history([]), { lang: 'es', generatedOn: '2026-10-01' }))).toContain('El distrito no tiene registro de haber compartido la información de Ana García');
    const overdue = text(parentReportHtml(history([event({ destroyBy: '2026-09-30' })]), { lang: 'en', generatedOn: '2026-10-01' }));
    expect(overdue).toContain('The date to destroy it (September 30, 2026) has passed, and the district has not yet received proof');
    expect(text(parentReportHtml(history([event()]), { lang: 'es', generatedOn: '2026-10-01' }))).toContain('una vez, con una organización');
  });

  it('shows a partial destruction with the categories destroyed', () => {
    const partly = event({
      fields: ['student.firstName', 'attendance.rate'], destructionState: 'partly-destroyed',
      destructions: [{ id: 'd2', agreementId: 'agr-1', destroyedOn: '2027-01-10', method: 'Shredding', signedBy: 'K. Lee', categories: ['Attendance'], certificateSha256: 'b'.repeat(64) }],
    });
    expect(text(parentReportHtml(history([partly]), { lang: 'en', generatedOn: '2027-02-01' }))).toContain('In part: Attendance destroyed on January 10, 2027.');
    expect(text(parentReportHtml(history([partly]), { lang: 'es', generatedOn: '2027-02-01' }))).toContain('En parte: el 10 de enero de 2027 se destruyó lo siguiente: Asistencia.');
  });

  it('escapes text from the store, so a partner name cannot inject markup', () => {
    const html = parentReportHtml(history([event({ partnerName: '<img src=x onerror=alert(1)> & Co', purpose: '"quoted" <b>' })]), { lang: 'en', generatedOn: '2026-10-01', styleNonce: 'n0nce' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; Co');
    expect(html).toContain('<style nonce="n0nce">');
    expect(html).not.toMatch(/<script|https?:\/\//);
  });

  it('has a Spanish label for every catalog field and every Exhibit B category', () => {
    expect(catalogFields.filter((f) => !spanishFieldLabels[f.id]).map((f) => f.id)).toEqual([]);
    expect(exhibitBCategories.filter((c) => !spanishCategoryNames[c])).toEqual([]);
  });
});

describe('disclosure rules', () => {
  it('99.32 requires records for studies and audits, not for school officials, consent or directory information', () => {
    expect(recordRequiredBy9932).toEqual({ 'school-official': false, consent: false, directory: false, studies: true, 'audit-evaluation': true });
  });

  it('a package is destroyed when the certificates cover all its categories', () => {
    const fields = ['student.firstName', 'attendance.rate'];
    expect(destructionState(fields, [])).toBe('kept');
    expect(destructionState(fields, [{ categories: ['Attendance'] }])).toBe('partly-destroyed');
    expect(destructionState(fields, [{ categories: ['Attendance'] }, { categories: ['Student name'] }])).toBe('destroyed');
    expect(destructionState(fields, [{ categories: 'all' }])).toBe('destroyed');
  });
});
