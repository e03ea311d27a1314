import { createHash } from 'node:crypto';
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
