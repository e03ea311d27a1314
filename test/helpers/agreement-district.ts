import { createHash } from 'node:crypto';
import type { ServiceContext } from '../../main/services/context';
import type { AgreementContent } from '../../shared/agreement/types';

/**
 * A small deterministic district for agreement and preview tests, written with SQL: two schools,
 * N students with guardians, indicators, metrics and transport, two partners (inserted as an
 * import would, without pseudonym keys) and their programs with enrolments. Names are synthetic
 * ("Kid0001 Family0001"), so a test can search output for them.
 */
export const SCHOOL_ELEM = 'sch-lincoln';
export const SCHOOL_MID = 'sch-adams';
export const PARTNER_READ = 'ptn-read';
export const PARTNER_CLINIC = 'ptn-clinic';
export const PROGRAM_READ = 'prg-read';
export const PROGRAM_CLINIC = 'prg-clinic';

export const studentId = (i: number) => `stu-${String(i).padStart(4, '0')}`;
export const firstName = (i: number) => `Kid${String(i).padStart(4, '0')}`;
export const lastName = (i: number) => `Family${String(i).padStart(4, '0')}`;

/** Facts of student i, so tests can predict decisions without reading the store. */
export function studentShape(i: number) {
  return {
    id: studentId(i),
    localId: `L${String(100000 + i)}`,
    // Every 10th student is 17 turning 18 on 2026-10-01; others are 9-13.
    birthDate: i % 10 === 0 ? '2008-10-01' : `${2013 + (i % 5)}-0${1 + (i % 9)}-1${i % 10}`,
    school: i % 3 === 0 ? SCHOOL_MID : SCHOOL_ELEM,
    grade: i % 3 === 0 ? '07' : `0${1 + (i % 5)}`,
    status: i % 17 === 0 ? 'inactive' : 'active',
    iep: i % 7 === 0,
    meal: i % 2 === 0 ? 'free' : 'none',
    inReading: i % 2 === 1 || i % 10 === 0,
    readingEnded: i % 11 === 0,
  };
}

export function seedAgreementDistrict(ctx: ServiceContext, n: number): void {
  const db = ctx.db;
  const at = '2026-08-01T00:00:00Z';
  db.transaction(() => {
    db.prepare(`INSERT INTO orgs (id, name, type) VALUES ('dist-1', 'Cedar Test District', 'district')`).run();
    db.prepare(`INSERT INTO orgs (id, name, type, parent_id) VALUES (?, 'Lincoln Elementary', 'school', 'dist-1'), (?, 'Adams Middle', 'school', 'dist-1')`).run(SCHOOL_ELEM, SCHOOL_MID);
    db.prepare(`INSERT INTO partners (id, name, kind, contact_name, contact_email, created_at, updated_at) VALUES (?, 'ReadWell Tutoring', 'tutoring', 'Dana W', 'dana@readwell.example', ?, ?)`).run(PARTNER_READ, at, at);
    db.prepare(`INSERT INTO partners (id, name, kind, created_at, updated_at, commercial_subprocessors) VALUES (?, 'Eastside Clinic', 'clinic', ?, ?, 1)`).run(PARTNER_CLINIC, at, at);
    db.prepare(`INSERT INTO programs (id, partner_id, name, school_id, created_at) VALUES (?, ?, 'After-school reading, Lincoln Elementary', ?, ?)`).run(PROGRAM_READ, PARTNER_READ, SCHOOL_ELEM, at);
    db.prepare(`INSERT INTO programs (id, partner_id, name, school_id, created_at) VALUES (?, ?, 'School health center, Adams Middle', ?, ?)`).run(PROGRAM_CLINIC, PARTNER_CLINIC, SCHOOL_MID, at);
    const student = db.prepare(`INSERT INTO students (id, local_id, state_id, first_name, last_name, birth_date, gender, address_line, city, postal_code, phone, email, grade, school_id, status, updated_at)
      VALUES (@id, @localId, @stateId, @first, @last, @birthDate, 'F', @address, 'Cedar', '97035', @phone, @email, @grade, @school, @status, @at)`);
    const guardian = db.prepare(`INSERT INTO guardians (id, first_name, last_name, phone, updated_at) VALUES (?, 'Parent', ?, ?, ?)`);
    const link = db.prepare(`INSERT INTO student_guardians (student_id, guardian_id, relationship, is_primary) VALUES (?, ?, 'parent', 1)`);
    const indicators = db.prepare(`INSERT INTO student_indicators (student_id, iep, meal_eligibility, homeless, health_alert) VALUES (?, ?, ?, ?, ?)`);
    const metrics = db.prepare(`INSERT INTO student_metrics (student_id, attendance_rate, chronic_absence, reading_level, incident_count) VALUES (?, ?, ?, ?, ?)`);
    const enrol = db.prepare(`INSERT INTO program_enrollments (program_id, student_id, begin_date, end_date) VALUES (?, ?, ?, ?)`);
    for (let i = 1; i <= n; i++) {
      const s = studentShape(i);
      student.run({ id: s.id, localId: s.localId, stateId: `ST${i}`, first: firstName(i), last: lastName(i), birthDate: s.birthDate, address: `${i} Elm Street`,
        phone: `503-555-${String(1000 + i).slice(-4)}`, email: `kid${i}@cedar.example`, grade: s.grade, school: s.school, status: s.status, at });
      guardian.run(`gdn-${i}`, lastName(i), `503-555-${String(2000 + i).slice(-4)}`, at);
      link.run(s.id, `gdn-${i}`);
      indicators.run(s.id, s.iep ? 1 : 0, s.meal, i % 13 === 0 ? 1 : 0, i % 9 === 0 ? 'peanut allergy' : null);
      metrics.run(s.id, 80 + (i % 20), i % 20 < 10 ? 1 : 0, ['below', 'approaching', 'meets', 'exceeds'][i % 4], i % 4);
      if (s.inReading) enrol.run(PROGRAM_READ, s.id, '2026-08-20', s.readingEnded ? '2026-09-01' : null);
      if (s.school === SCHOOL_MID) enrol.run(PROGRAM_CLINIC, s.id, '2026-08-20', null);
    }
  })();
}

/** Inserts a consent (with a stand-in evidence file) as the consent service would store it. */
export function insertConsent(ctx: ServiceContext, c: { id: string; studentIndex: number; partnerId?: string; agreementId?: string | null; fields: string[]; purpose?: string; status?: 'granted' | 'declined' | 'revoked'; signedOn?: string; revokedOn?: string | null }): void {
  const evidence = Buffer.from(`evidence ${c.id}`);
  const sha = createHash('sha256').update(evidence).digest('hex');
  ctx.db.prepare(`INSERT INTO consent_evidence (id, sha256, file_name, media_type, byte_size, content, added_at, added_by) VALUES (?, ?, 'form.pdf', 'application/pdf', ?, ?, '2026-08-25', 'test')`).run(`ev-${c.id}`, sha, evidence.length, evidence);
  ctx.db.prepare(`INSERT INTO consents (id, student_id, signer_role, guardian_id, signer_relationship, partner_id, agreement_id, purpose, fields, status, signed_on, revoked_on, revocation_reason, method, evidence_id, recorded_at, recorded_by, source)
    VALUES (?, ?, 'parent', ?, 'parent', ?, ?, ?, ?, ?, ?, ?, ?, 'paper-scan', ?, '2026-08-25', 'test', 'manual')`).run(
    c.id, studentId(c.studentIndex), `gdn-${c.studentIndex}`, c.partnerId ?? PARTNER_READ, c.agreementId ?? null, c.purpose ?? 'reading-tutoring',
    JSON.stringify([...c.fields].sort()), c.status ?? 'granted', c.signedOn ?? '2026-08-25', c.revokedOn ?? null, c.status === 'revoked' ? 'parent-request' : null, `ev-${c.id}`,
  );
}

/** A complete school-official agreement for the reading program (tutor and coordinator roles). */
export function readingAgreement(over: Partial<AgreementContent> = {}): AgreementContent {
  return {
    title: 'ReadWell after-school reading 2026-27',
    partnerId: PARTNER_READ,
    legalBasis: 'school-official',
    purpose: 'After-school reading tutoring for enrolled students',
    purposeCode: 'reading-tutoring',
    basisElements: {
      institutionalFunction: 'Reading tutoring the district would otherwise provide with its own staff.',
      directControl: true, redisclosureLimits: true,
      annualNoticeCriteria: 'Contracted tutors serving enrolled students are school officials (annual notice, section 4).',
    },
    effective: '2026-08-15',
    expires: '2027-07-31',
    destroyBy: '2027-08-31',
    scope: { programIds: [PROGRAM_READ], schoolIds: [], grades: [] },
    roles: [
      { id: 'tutor', label: 'Tutor', legitimateInterest: 'Plans each student\'s reading sessions.', fields: [
        { field: 'student.localId', transform: 'pseudonym' }, { field: 'student.firstName', transform: 'asIs' },
        { field: 'student.birthDate', transform: 'age' }, { field: 'assessment.readingLevel', transform: 'asIs' }, { field: 'indicator.iep', transform: 'asIs' },
      ] },
      { id: 'coordinator', label: 'Site coordinator', legitimateInterest: 'Contacts families about sessions.', fields: [
        { field: 'student.firstName', transform: 'asIs' }, { field: 'student.lastName', transform: 'asIs' }, { field: 'guardian.phone', transform: 'asIs' },
      ] },
    ],
    ...over,
  };
}
