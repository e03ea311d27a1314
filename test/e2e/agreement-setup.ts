import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../../main/services/context';
import { createAgreement } from '../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../main/services/agreement-review';
import type { AgreementContent } from '../../shared/agreement/types';
import { projectRoot } from './demo-cache';

/**
 * e2e setup for the consent and records screens: an agreement in force on the demo district,
 * made through the agreements service from a fixture in fixtures/agreements/ (not through
 * another area's screens). The demo district is built by the demo generator when it is present;
 * the SQL-seeded stand-in has no partners or programs, so the partner, one program and its
 * enrolments are added here the way the generator names them.
 */
export interface SeededAgreement {
  agreementId: string;
  version: number;
  roleId: string;
  partnerId: string;
  partnerName: string;
  content: AgreementContent;
  /** A student under 18 in scope, with a guardian on record and the restricted indicator set. */
  student: { id: string; localId: string; firstName: string; lastName: string; guardianId: string };
}

const partners: Record<string, { name: string; kind: string }> = {
  'ptn-casemgmt': { name: 'Harbor Case Management', kind: 'case-management' },
  'ptn-tutoring': { name: 'Bright Futures Tutoring', kind: 'tutoring' },
};

function fixture(name: string): AgreementContent {
  return JSON.parse(readFileSync(join(projectRoot, 'fixtures', 'agreements', name), 'utf8')) as AgreementContent;
}

/** The partner's programs, creating one (with 40 enrolled students of one school) when it has none. */
function ensureProgram(ctx: ServiceContext, partnerId: string): string[] {
  const db = ctx.db;
  const p = partners[partnerId]!;
  db.prepare(`INSERT OR IGNORE INTO partners (id, name, kind, created_at, updated_at) VALUES (?, ?, ?, '2026-08-01T00:00:00Z', '2026-08-01T00:00:00Z')`).run(partnerId, p.name, p.kind);
  const existing = db.prepare('SELECT id FROM programs WHERE partner_id = ? ORDER BY id').pluck().all(partnerId) as string[];
  if (existing.length > 0) return existing;
  const school = db.prepare(`SELECT school_id FROM students WHERE status = 'active' GROUP BY school_id ORDER BY count(*) DESC, school_id LIMIT 1`).pluck().get() as string;
  const programId = `prg-e2e-${partnerId.replace(/^ptn-/, '')}`;
  db.prepare(`INSERT INTO programs (id, partner_id, name, school_id, created_at) VALUES (?, ?, ?, ?, '2026-08-01T00:00:00Z')`).run(programId, partnerId, `${p.name} program`, school);
  db.prepare(
    `INSERT INTO program_enrollments (program_id, student_id, begin_date)
       SELECT ?, id, '2026-08-20' FROM students WHERE school_id = ? AND status = 'active' ORDER BY local_id LIMIT 40`,
  ).run(programId, school);
  return [programId];
}

/** An enrolled, under-18 student of the programs with a guardian on record, given the restricted indicator. */
function pickStudent(ctx: ServiceContext, programIds: string[], indicator: 'meal' | 'iep'): SeededAgreement['student'] {
  const s = ctx.db
    .prepare(
      `SELECT s.id, s.local_id AS localId, s.first_name AS firstName, s.last_name AS lastName, sg.guardian_id AS guardianId
         FROM program_enrollments e JOIN students s ON s.id = e.student_id JOIN student_guardians sg ON sg.student_id = s.id
        WHERE e.program_id IN (SELECT value FROM json_each(?)) AND e.begin_date <= '2026-09-15' AND (e.end_date IS NULL OR e.end_date > '2026-09-15') AND s.status = 'active' AND s.birth_date > '2010-01-01'
        ORDER BY s.local_id LIMIT 1`,
    )
    .get(JSON.stringify(programIds)) as SeededAgreement['student'] | undefined;
  if (!s) throw new Error('The demo district has no enrolled student under 18 with a guardian in the program');
  ctx.db.prepare(`INSERT OR IGNORE INTO student_indicators (student_id) VALUES (?)`).run(s.id);
  if (indicator === 'meal') ctx.db.prepare(`UPDATE student_indicators SET meal_eligibility = 'free' WHERE student_id = ?`).run(s.id);
  else ctx.db.prepare(`UPDATE student_indicators SET iep = 1 WHERE student_id = ?`).run(s.id);
  return s;
}

/** Creates, submits, approves and activates the agreement: in force on the e2e clock's today (2026-09-15). */
function activate(ctx: ServiceContext, content: AgreementContent): { agreementId: string; version: number } {
  const created = createAgreement(ctx, { content });
  const ref = { agreementId: created.agreementId, version: created.version };
  submitAgreement(ctx, ref);
  approveAgreement(ctx, { ...ref, contentHash: created.contentHash, reviewerName: 'Avery Counsel' });
  activateAgreement(ctx, ref);
  return ref;
}

/**
 * Harbor Case Management (fixtures/agreements/consent.json): legal basis consent, so every field
 * flows only with a consent; the case manager role receives meal eligibility (restricted, NSLA).
 */
export function seedConsentAgreement(ctx: ServiceContext): SeededAgreement {
  const base = fixture('consent.json');
  const programIds = ensureProgram(ctx, base.partnerId);
  const content = { ...base, scope: { ...base.scope, programIds } };
  const ref = activate(ctx, content);
  const student = pickStudent(ctx, programIds, 'meal');
  return { ...ref, roleId: 'case-manager', partnerId: base.partnerId, partnerName: partners[base.partnerId]!.name, content, student };
}

/**
 * Bright Futures Tutoring (fixtures/agreements/school-official.json): school officials, so the
 * students flow without consent, but the tutor's IEP flag (restricted, IDEA) only with one.
 */
export function seedSchoolOfficialAgreement(ctx: ServiceContext): SeededAgreement {
  const base = fixture('school-official.json');
  const programIds = ensureProgram(ctx, base.partnerId);
  const content = { ...base, scope: { ...base.scope, programIds } };
  const ref = activate(ctx, content);
  const student = pickStudent(ctx, programIds, 'iep');
  return { ...ref, roleId: 'tutor', partnerId: base.partnerId, partnerName: partners[base.partnerId]!.name, content, student };
}
