import type { Migration } from '../types';

/**
 * The district's student data as imported from the SIS (OneRoster + supplementary CSVs).
 * Ids are the SIS sourcedIds, so a re-import updates in place.
 */
export const districtData: Migration = {
  version: 1,
  name: 'district data',
  sql: `
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

CREATE TABLE orgs (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  type TEXT NOT NULL,            -- district | school (OneRoster orgs.type)
  identifier TEXT,
  parent_id TEXT
) STRICT;

CREATE TABLE students (
  id TEXT PRIMARY KEY,           -- OneRoster users.sourcedId
  local_id TEXT NOT NULL UNIQUE, -- users.identifier
  state_id TEXT,
  first_name TEXT NOT NULL,
  middle_name TEXT,
  last_name TEXT NOT NULL,
  birth_date TEXT,               -- ISO yyyy-mm-dd
  gender TEXT,
  race_ethnicity TEXT,
  home_language TEXT,
  address_line TEXT,
  city TEXT,
  state TEXT,
  postal_code TEXT,
  phone TEXT,
  email TEXT,
  grade TEXT NOT NULL,
  school_id TEXT NOT NULL REFERENCES orgs(id),
  homeroom TEXT,
  counselor TEXT,
  entry_date TEXT,
  exit_date TEXT,
  graduation_year INTEGER,
  status TEXT NOT NULL DEFAULT 'active',  -- active | inactive (left the district; opt-outs survive)
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX students_school_grade ON students(school_id, grade);
CREATE INDEX students_last_name ON students(last_name COLLATE NOCASE, first_name COLLATE NOCASE);
CREATE INDEX students_birth_date ON students(birth_date);

CREATE TABLE guardians (
  id TEXT PRIMARY KEY,           -- OneRoster users.sourcedId (role parent/guardian)
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE student_guardians (
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  guardian_id TEXT NOT NULL REFERENCES guardians(id) ON DELETE CASCADE,
  relationship TEXT NOT NULL,    -- parent | guardian | relative | foster parent ...
  is_primary INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (student_id, guardian_id)
) STRICT;
CREATE INDEX student_guardians_guardian ON student_guardians(guardian_id);

CREATE TABLE academic_sessions (
  id TEXT PRIMARY KEY, title TEXT NOT NULL, type TEXT NOT NULL, start_date TEXT NOT NULL, end_date TEXT NOT NULL, school_year TEXT NOT NULL
) STRICT;
CREATE TABLE courses (id TEXT PRIMARY KEY, title TEXT NOT NULL, course_code TEXT, org_id TEXT) STRICT;
CREATE TABLE classes (id TEXT PRIMARY KEY, title TEXT NOT NULL, course_id TEXT, school_id TEXT, term_ids TEXT) STRICT;
CREATE TABLE enrollments (
  id TEXT PRIMARY KEY, class_id TEXT NOT NULL, school_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, begin_date TEXT, end_date TEXT
) STRICT;
CREATE INDEX enrollments_user ON enrollments(user_id);

-- One row per student per attendance period (the supplementary attendance.csv).
CREATE TABLE attendance_periods (
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  days_enrolled INTEGER NOT NULL,
  days_present INTEGER NOT NULL,
  days_absent_excused INTEGER NOT NULL,
  days_absent_unexcused INTEGER NOT NULL,
  PRIMARY KEY (student_id, period_start)
) STRICT;

CREATE TABLE course_grades (
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  course_code TEXT NOT NULL,
  course_title TEXT NOT NULL,
  letter_grade TEXT NOT NULL,
  grade_points REAL,
  credits REAL NOT NULL,
  PRIMARY KEY (student_id, term, course_code)
) STRICT;

CREATE TABLE discipline_incidents (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  incident_date TEXT NOT NULL,
  category TEXT NOT NULL,
  action TEXT
) STRICT;
CREATE INDEX discipline_student ON discipline_incidents(student_id);

CREATE TABLE assessments (
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  assessment TEXT NOT NULL,
  subject TEXT NOT NULL,         -- reading | math | science ...
  test_date TEXT NOT NULL,
  scale_score INTEGER,
  performance_level TEXT,
  PRIMARY KEY (student_id, assessment, subject, test_date)
) STRICT;

CREATE TABLE student_indicators (
  student_id TEXT PRIMARY KEY REFERENCES students(id) ON DELETE CASCADE,
  english_learner INTEGER NOT NULL DEFAULT 0,
  meal_eligibility TEXT NOT NULL DEFAULT 'none',   -- free | reduced | none
  iep INTEGER NOT NULL DEFAULT 0,
  section_504 INTEGER NOT NULL DEFAULT 0,
  disability TEXT,
  homeless INTEGER NOT NULL DEFAULT 0,
  foster_care INTEGER NOT NULL DEFAULT 0,
  health_alert TEXT
) STRICT;

CREATE TABLE student_transport (
  student_id TEXT PRIMARY KEY REFERENCES students(id) ON DELETE CASCADE,
  bus_route TEXT, stop_location TEXT, bus_card_id TEXT
) STRICT;

CREATE TABLE student_activities (
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  PRIMARY KEY (student_id, activity)
) STRICT;

CREATE TABLE survey_responses (
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  survey TEXT NOT NULL,
  question TEXT NOT NULL,
  response TEXT NOT NULL,
  PRIMARY KEY (student_id, survey, question)
) STRICT;

-- Per-student derived facts, recomputed by every import (fast previews on 500,000 students).
CREATE TABLE student_metrics (
  student_id TEXT PRIMARY KEY REFERENCES students(id) ON DELETE CASCADE,
  days_enrolled INTEGER, days_absent INTEGER, attendance_rate REAL, chronic_absence INTEGER,
  gpa REAL, latest_grades TEXT, incident_count INTEGER,
  reading_level TEXT, reading_score INTEGER, math_level TEXT, math_score INTEGER,
  activities TEXT, survey_wellbeing TEXT
) STRICT;

-- Partner organisations and their programs (agreements reference them; the SIS does not hold them).
CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,             -- tutoring | mentoring | meals | clinic | case-management | victim-services | other
  contact_name TEXT, contact_email TEXT, contact_phone TEXT,
  commercial_subprocessors INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL
) STRICT;
CREATE TABLE programs (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  name TEXT NOT NULL,
  school_id TEXT REFERENCES orgs(id),
  created_at TEXT NOT NULL,
  UNIQUE (partner_id, name)
) STRICT;
CREATE TABLE program_enrollments (
  program_id TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  begin_date TEXT NOT NULL,
  end_date TEXT,
  PRIMARY KEY (program_id, student_id)
) STRICT;
CREATE INDEX program_enrollments_student ON program_enrollments(student_id);

CREATE TABLE import_runs (
  id TEXT PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT NOT NULL, source TEXT NOT NULL, preset TEXT NOT NULL, counts TEXT NOT NULL
) STRICT;

-- Append-only, hash-chained audit log (see main/services/audit-log.ts). Triggers refuse edits
-- from the app; a direct edit of the file is caught by 'steward audit verify'.
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT,
  summary TEXT NOT NULL,          -- canonical JSON, no free-text PII
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
`,
};
