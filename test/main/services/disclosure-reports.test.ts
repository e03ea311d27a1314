import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedDistrict, disclosure } from './disclosure-fixtures';
import { recordDisclosures, recordDestruction } from '../../../main/services/disclosures-service';
import { disclosureReport, transparencyReport, transparencyEntries } from '../../../main/services/disclosure-reports';
import { htmlToPdf } from '../../../main/services/pdf-print';
import { listAudit } from '../../../main/services/audit-service';
import { canonicalJson } from '../../../shared/util/canonical-json';
import type { AgreementContent, AgreementStatus } from '../../../shared/agreement/types';
import type { ServiceContext } from '../../../main/services/context';

/** PDFs and PNGs stay here so a person can look at both languages. */
const outDir = join(__dirname, '../../../test-results/disclosure-report');

/** An agreement version as the agreement service stores it (SQL: that service is tested elsewhere). */
function seedAgreement(ctx: ServiceContext, id: string, partnerId: string, status: AgreementStatus, over: Partial<AgreementContent> = {}): void {
  const content: AgreementContent = {
    title: `Agreement ${id}`, partnerId, legalBasis: 'school-official', purpose: 'After-school reading tutoring', purposeCode: 'reading-tutoring', basisElements: {},
    effective: '2026-08-15', expires: '2027-06-30', destroyBy: '2027-07-31', scope: { programIds: [], schoolIds: [], grades: [] },
    roles: [
      { id: 'tutor', label: 'Tutor', legitimateInterest: 'Plans sessions', fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'assessment.readingLevel', transform: 'asIs' }] },
      { id: 'coordinator', label: 'Site coordinator', legitimateInterest: 'Contacts families', fields: [{ field: 'guardian.phone', transform: 'asIs' }, { field: 'student.lastName', transform: 'asIs' }] },
    ],
    ...over,
  };
  const json = canonicalJson(content);
  const hash = createHash('sha256').update(json).digest('hex');
  const approved = status !== 'draft' && status !== 'in-review';
  ctx.db.prepare(`INSERT OR IGNORE INTO agreements (id, partner_id, created_at, created_by) VALUES (?, ?, '2026-08-01', 'test')`).run(id, partnerId);
  const version = ((ctx.db.prepare('SELECT max(version) FROM agreement_versions WHERE agreement_id = ?').pluck().get(id) as number | null) ?? 0) + 1;
  ctx.db.prepare(`INSERT INTO agreement_versions (agreement_id, version, status, content, content_hash, created_at, created_by, updated_at, approved_by, approved_at, approved_hash)
    VALUES (?, ?, ?, ?, ?, '2026-08-01', 'test', '2026-08-01', ?, ?, ?)`).run(id, version, status, json, hash, approved ? 'Counsel' : null, approved ? '2026-08-10' : null, approved ? hash : null);
}

let store: TempStore;
beforeEach(() => { store = tempStore(); seedDistrict(store.ctx); });
afterEach(() => store.cleanup());

describe('transparency report (Illinois SOPPA list)', () => {
  beforeEach(() => {
    const ctx = store.ctx;
    seedAgreement(ctx, 'agr-read', 'p-tutor', 'active');
    seedAgreement(ctx, 'agr-read', 'p-tutor', 'draft', { purpose: 'A draft that has sent nothing' });
    seedAgreement(ctx, 'agr-study', 'p-eval', 'expired', { legalBasis: 'studies', purpose: 'Evaluate the reading program', expires: '2026-06-30', destroyBy: '2026-12-31', roles: [{ id: 'analyst', label: 'Analyst', legitimateInterest: '', fields: [{ field: 'student.localId', transform: 'pseudonym' }, { field: 'indicator.iep', transform: 'asIs' }] }] });
    seedAgreement(ctx, 'agr-old', 'p-eval', 'terminated', { purpose: 'Old study, data destroyed' });
    seedAgreement(ctx, 'agr-draft', 'p-eval', 'draft', { purpose: 'Never approved' });
    recordDisclosures(ctx, disclosure({ packageId: 'pkg-s', partnerId: 'p-eval', agreementId: 'agr-study', legalBasis: 'studies', disclosedOn: '2026-03-01', destroyBy: '2026-12-31' }));
    recordDisclosures(ctx, disclosure({ packageId: 'pkg-o', partnerId: 'p-eval', agreementId: 'agr-old', disclosedOn: '2025-03-01', destroyBy: '2025-12-31' }));
    recordDestruction(ctx, { agreementId: 'agr-old', packageIds: ['pkg-o'], destroyedOn: '2025-12-01', method: 'Shredding', signedBy: 'K. Lee', categories: 'all', certificateSha256: 'e'.repeat(64) });
  });

  it('lists agreements in force and ended ones whose partner still holds data, with Exhibit B categories and elements', () => {
    const entries = transparencyEntries(store.ctx, '2026-09-15');
    expect(entries.map((e) => [e.agreementId, e.version, e.status, e.dataStatus])).toEqual([
      ['agr-read', 1, 'active', 'none-sent'],
      ['agr-study', 1, 'expired', 'held'],
    ]);
    expect(entries[0]!.categories).toEqual([
      { category: 'Student name', elements: ['First and/or last'] },
      { category: 'Assessment', elements: ['Standardized test scores'] },
      { category: 'Parent/guardian contact information', elements: ['Phone'] },
    ]);
    expect(entries[0]!.roles).toEqual(['Tutor', 'Site coordinator']);
  });

  it('as CSV: one row per agreement, the SOPPA columns, formula cells neutralised', () => {
    seedAgreement(store.ctx, 'agr-x', 'p-tutor', 'approved', { title: '=HYPERLINK("http://evil")', purpose: '+1 mentoring' });
    const doc = transparencyReport(store.ctx, { format: 'csv', asOf: '2026-09-15' });
    expect(doc).toMatchObject({ mimeType: 'text/csv', fileName: 'transparency-report-2026-09-15.csv' });
    const lines = doc.content.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Partner,Partner type,Commercial subprocessors,Agreement,Agreement ID,Version,Status,Purpose,Legal basis,Legal citation,Data categories (NDPA Exhibit B),Data elements,Roles receiving data,Effective,Expires,Destroy by,Data held');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain('Bright Futures Tutoring,tutoring,no,"\'=HYPERLINK(""http://evil"")"');
    expect(doc.content).toContain("'+1 mentoring");
    expect(doc.content).toContain('Lakeside University Evaluation Center,other,no,Agreement agr-study,agr-study,1,Expired,Evaluate the reading program,"Study for the district (improve instruction, develop tests, student aid)",34 CFR 99.31(a)(6),Student identifiers; Special indicator');
    expect(doc.content).toContain('2026-08-15,2026-06-30,2026-12-31,Partner holds data');
  });

  it('as HTML: a public page with every partner, purpose, basis, categories, term and destroy-by', () => {
    const doc = transparencyReport(store.ctx, { format: 'html', asOf: '2026-09-15' });
    expect(doc.mimeType).toBe('text/html');
    for (const s of ['Riverbend Unified: Student data shared with partner organizations', 'Bright Futures Tutoring', 'Lakeside University Evaluation Center', 'Evaluate the reading program',
      'Specialized education services (IEP or 504)', 'August 15, 2026 to June 30, 2027', 'July 31, 2027', 'Partner holds data']) expect(doc.content).toContain(s);
    expect(doc.content).not.toContain('Never approved');
    expect(doc.content).not.toContain('Old study');
  });
});

describe('parent report (service)', () => {
  it('builds the report from the store and logs that it was produced', () => {
    recordDisclosures(store.ctx, disclosure());
    const doc = disclosureReport(store.ctx, { studentId: 'stu-1', lang: 'es' });
    expect(doc).toMatchObject({ fileName: 'disclosures-L00001-es.html', mimeType: 'text/html' });
    expect(doc.content).toContain('Riverbend Unified');
    expect(doc.content).toContain('Bright Futures Tutoring');
    const last = listAudit(store.ctx, { offset: 0, limit: 1, order: 'newest' }).rows[0]!;
    expect(last).toMatchObject({ action: 'disclosure.report', objectType: 'student', objectId: 'stu-1', summary: { lang: 'es', disclosures: 1 }, kind: 'report' });
  });
});

describe('printing with Chromium', () => {
  beforeAll(() => { rmSync(outDir, { recursive: true, force: true }); mkdirSync(outDir, { recursive: true }); });
  afterAll(() => undefined);

  it('prints the parent report in English and Spanish to PDF; the PDF text says who, when and until when', async () => {
    const ctx = store.ctx;
    recordDisclosures(ctx, disclosure({ packageId: 'pkg-2025', partnerId: 'p-eval', agreementId: 'agr-study', legalBasis: 'studies', purpose: 'Evaluate the reading program', legitimateInterest: null,
      fields: ['student.localId', 'student.grade', 'indicator.iep', 'indicator.disability', 'assessment.readingScore'], disclosedOn: '2026-01-12', destroyBy: '2026-08-31' }));
    recordDisclosures(ctx, disclosure({ packageId: 'pkg-old', disclosedOn: '2025-09-02', destroyBy: '2026-06-30', fields: ['student.firstName', 'student.lastName', 'attendance.rate', 'guardian.phone'] }));
    recordDestruction(ctx, { agreementId: 'agr-1', packageIds: ['pkg-old'], destroyedOn: '2026-06-25', method: 'Secure erase (NIST 800-88)', signedBy: 'J. Rivera, Program Director', categories: 'all', certificateSha256: 'f'.repeat(64) });
    recordDisclosures(ctx, disclosure({ packageId: 'pkg-now', fields: ['student.firstName', 'student.lastName', 'student.grade', 'assessment.readingLevel', 'indicator.mealEligibility'], legalBasis: 'consent' }));
    for (const lang of ['en', 'es'] as const) {
      const pdf = await htmlToPdf(disclosureReport(ctx, { studentId: 'stu-1', lang }).content);
      const file = join(outDir, `parent-report-${lang}.pdf`);
      writeFileSync(file, pdf);
      const txt = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      execFileSync('pdftoppm', ['-png', '-r', '60', file, join(outDir, `parent-report-${lang}`)]);
      if (lang === 'en') {
        for (const s of ['Who has received Ana García', 'Bright Futures Tutoring', 'Lakeside University Evaluation Center', 'January 12, 2026', 'Yes, destroyed on June 25, 2026',
          'The date to destroy it (August 31, 2026) has passed', 'Free or reduced-price meal eligibility', '34 CFR 300.614']) expect(txt).toContain(s);
      } else {
        for (const s of ['Quién ha recibido la información de Ana García', '12 de enero de 2026', 'Sí, se destruyó el 25 de junio de 2026', 'Elegibilidad para comidas gratuitas',
          'La fecha para destruirla (31 de agosto de 2026) ya pasó']) expect(txt).toContain(s);
      }
    }
    expect(readdirSync(outDir).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('prints the transparency report', async () => {
    seedAgreement(store.ctx, 'agr-read', 'p-tutor', 'active');
    const file = join(outDir, 'transparency.pdf');
    writeFileSync(file, await htmlToPdf(transparencyReport(store.ctx, { format: 'html', asOf: '2026-09-15' }).content));
    execFileSync('pdftoppm', ['-png', '-r', '60', file, join(outDir, 'transparency')]);
    const txt = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const s of ['Bright Futures Tutoring', 'Student name: First and/or last', 'July 31, 2027']) expect(txt).toContain(s);
  }, 60_000);

  it('says clearly when no Chromium can be found', async () => {
    await expect(htmlToPdf('<p>x</p>', { env: { STEWARD_CHROMIUM: '/nowhere/chromium' } })).rejects.toThrow(/PDF output needs a Chromium-based browser\. STEWARD_CHROMIUM points to \/nowhere\/chromium/);
  });
});
