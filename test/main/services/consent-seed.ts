import { createHash } from 'node:crypto';
import type { AgreementContent } from '../../../shared/agreement/types';
import { canonicalJson } from '../../../shared/util/canonical-json';
import type { ServiceContext } from '../../../main/services/context';

/**
 * The minimal district rows consent tests need, inserted with SQL: one school, a partner with a
 * program, and students (each with one guardian on record) born on the given dates.
 * Names are synthetic and deterministic.
 */
export interface SeedStudent {
  id: string;
  birthDate: string | null;
  grade?: string;
  /** Guardian ids on record for the student (default: one, `g-<student id>`). */
  guardians?: string[];
  status?: 'active' | 'inactive';
  /** Enrol in the seeded program (default true). */
  inProgram?: boolean;
}

export function seedDistrict(ctx: ServiceContext, students: SeedStudent[]): void {
  const db = ctx.db;
  db.prepare(`INSERT OR IGNORE INTO orgs (id, name, type) VALUES ('sch-1', 'School One', 'school')`).run();
  db.prepare(`INSERT OR IGNORE INTO partners (id, name, kind, created_at, updated_at) VALUES ('p-1', 'Partner One', 'tutoring', '2026-01-01', '2026-01-01')`).run();
  db.prepare(`INSERT OR IGNORE INTO partners (id, name, kind, created_at, updated_at) VALUES ('p-2', 'Partner Two', 'clinic', '2026-01-01', '2026-01-01')`).run();
  db.prepare(`INSERT OR IGNORE INTO programs (id, partner_id, name, school_id, created_at) VALUES ('prog-1', 'p-1', 'After school', 'sch-1', '2026-01-01')`).run();
  const addStudent = db.prepare(
    `INSERT INTO students (id, local_id, first_name, last_name, birth_date, grade, school_id, status, updated_at)
     VALUES (@id, @localId, @first, @last, @birthDate, @grade, 'sch-1', @status, '2026-01-01')`,
  );
  const addGuardian = db.prepare(`INSERT OR IGNORE INTO guardians (id, first_name, last_name, updated_at) VALUES (?, 'Guardian', ?, '2026-01-01')`);
  const link = db.prepare(`INSERT INTO student_guardians (student_id, guardian_id, relationship, is_primary) VALUES (?, ?, 'parent', 1)`);
  const enrol = db.prepare(`INSERT INTO program_enrollments (program_id, student_id, begin_date) VALUES ('prog-1', ?, '2026-08-20')`);
  db.transaction(() => {
    for (const s of students) {
      addStudent.run({ id: s.id, localId: `L-${s.id}`, first: 'Kid', last: `Surname${s.id}`, birthDate: s.birthDate, grade: s.grade ?? '09', status: s.status ?? 'active' });
      for (const g of s.guardians ?? [`g-${s.id}`]) {
        addGuardian.run(g, `Family${g}`);
        link.run(s.id, g);
      }
      if (s.inProgram !== false) enrol.run(s.id);
    }
  })();
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Row counts of every consent table plus the audit log: "nothing half-stored" checks. */
export function consentCounts(ctx: ServiceContext): Record<string, number> {
  const count = (t: string) => (ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
  return {
    consents: count('consents'),
    evidence: count('consent_evidence'),
    optouts: count('directory_optouts'),
    designations: count('directory_designations'),
    audit: count('audit_log'),
  };
}

/** A consent-basis agreement with two roles (tutor, coordinator), as the consent area reads it. */
export function agreementContent(over: Partial<AgreementContent> = {}): AgreementContent {
  return {
    title: 'Reading tutoring 2026-27',
    partnerId: 'p-1',
    legalBasis: 'consent',
    purpose: 'One-to-one reading tutoring after school, and reporting progress to the school.',
    purposeCode: 'reading-tutoring',
    basisElements: {},
    effective: '2026-08-15',
    expires: '2027-07-31',
    destroyBy: '2027-09-30',
    scope: { programIds: ['prog-1'], schoolIds: [], grades: [] },
    roles: [
      { id: 'tutor', label: 'Tutor', legitimateInterest: 'Plans sessions', fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'assessment.readingLevel', transform: 'asIs' }] },
      { id: 'coordinator', label: 'Site coordinator', legitimateInterest: 'Arranges meals and contacts families', fields: [{ field: 'student.firstName', transform: 'asIs' }, { field: 'student.lastName', transform: 'asIs' }, { field: 'indicator.mealEligibility', transform: 'asIs' }, { field: 'guardian.phone', transform: 'asIs' }] },
    ],
    ...over,
  };
}

/**
 * Inserts an agreement version straight into the agreements schema (migration 002): the consent
 * area only reads it. Approved versions carry an approval bound to their content hash.
 */
export function seedAgreement(ctx: ServiceContext, agreementId: string, content: AgreementContent = agreementContent(), status = 'approved'): void {
  ctx.db.prepare(`INSERT OR IGNORE INTO agreements (id, partner_id, created_at, created_by) VALUES (?, ?, '2026-08-01', 'test')`).run(agreementId, content.partnerId);
  const next = ctx.db.prepare('SELECT coalesce(max(version), 0) + 1 FROM agreement_versions WHERE agreement_id = ?').pluck().get(agreementId) as number;
  const json = canonicalJson(content);
  const hash = sha256Hex(json);
  const approved = status === 'approved' || status === 'active';
  ctx.db
    .prepare(
      `INSERT INTO agreement_versions (agreement_id, version, status, content, content_hash, created_at, created_by, updated_at, approved_by, approved_at, approved_hash)
       VALUES (?, ?, ?, ?, ?, '2026-08-01', 'test', '2026-08-01', ?, ?, ?)`,
    )
    .run(agreementId, next, status, json, hash, approved ? 'Counsel' : null, approved ? '2026-08-02' : null, approved ? hash : null);
}

/** A tiny but real PDF (what a scanner would produce), distinct per seed. */
export function pdfBytes(seed = 'form'): Buffer {
  return Buffer.from(`%PDF-1.4\n% consent evidence ${seed}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}
