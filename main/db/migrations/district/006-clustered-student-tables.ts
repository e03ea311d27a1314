import type { Migration } from '../types';

/**
 * The imported per-student tables become WITHOUT ROWID tables, clustered on their primary key
 * (issue 7: import speed). As rowid tables each row was stored twice: once in the table and once
 * in the automatic index behind the text primary key, so every imported row was written into two
 * b-trees (and encrypted twice over on disk). Clustered, a row is stored once, in key order, and
 * the per-student reads (previews, metrics) find a student's rows side by side. Only tables with
 * small rows that no other table references are rebuilt; columns, keys, checks and indexes are
 * unchanged, and the rows are copied as they are.
 */
const rebuild = (table: string, columns: string, indexes: string[] = []): string => `
CREATE TABLE ${table}__clustered (${columns}) STRICT, WITHOUT ROWID;
INSERT INTO ${table}__clustered SELECT * FROM ${table};
DROP TABLE ${table};
ALTER TABLE ${table}__clustered RENAME TO ${table};
${indexes.map((ix) => `${ix};`).join('\n')}`;

export const clusteredStudentTablesMigration: Migration = {
  version: 6,
  name: 'clustered per-student tables',
  sql: [
    rebuild('student_guardians', `
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  guardian_id TEXT NOT NULL REFERENCES guardians(id) ON DELETE CASCADE,
  relationship TEXT NOT NULL,
  is_primary INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (student_id, guardian_id)`, ['CREATE INDEX student_guardians_guardian ON student_guardians(guardian_id)']),
    rebuild('enrollments', `
  id TEXT PRIMARY KEY, class_id TEXT NOT NULL, school_id TEXT NOT NULL, user_id TEXT NOT NULL, role TEXT NOT NULL, begin_date TEXT, end_date TEXT`,
    ['CREATE INDEX enrollments_user ON enrollments(user_id)']),
    rebuild('attendance_periods', `
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  period_start TEXT NOT NULL,
  period_end TEXT NOT NULL,
  days_enrolled INTEGER NOT NULL,
  days_present INTEGER NOT NULL,
  days_absent_excused INTEGER NOT NULL,
  days_absent_unexcused INTEGER NOT NULL,
  PRIMARY KEY (student_id, period_start)`),
    rebuild('course_grades', `
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  term TEXT NOT NULL,
  course_code TEXT NOT NULL,
  course_title TEXT NOT NULL,
  letter_grade TEXT NOT NULL,
  grade_points REAL,
  credits REAL NOT NULL,
  PRIMARY KEY (student_id, term, course_code)`),
    rebuild('discipline_incidents', `
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  incident_date TEXT NOT NULL,
  category TEXT NOT NULL,
  action TEXT`, ['CREATE INDEX discipline_student ON discipline_incidents(student_id)']),
    rebuild('assessments', `
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  assessment TEXT NOT NULL,
  subject TEXT NOT NULL,
  test_date TEXT NOT NULL,
  scale_score INTEGER,
  performance_level TEXT,
  PRIMARY KEY (student_id, assessment, subject, test_date)`),
    rebuild('student_indicators', `
  student_id TEXT PRIMARY KEY REFERENCES students(id) ON DELETE CASCADE,
  english_learner INTEGER NOT NULL DEFAULT 0,
  meal_eligibility TEXT NOT NULL DEFAULT 'none',
  iep INTEGER NOT NULL DEFAULT 0,
  section_504 INTEGER NOT NULL DEFAULT 0,
  disability TEXT,
  homeless INTEGER NOT NULL DEFAULT 0,
  foster_care INTEGER NOT NULL DEFAULT 0,
  health_alert TEXT`),
    rebuild('student_transport', `
  student_id TEXT PRIMARY KEY REFERENCES students(id) ON DELETE CASCADE,
  bus_route TEXT, stop_location TEXT, bus_card_id TEXT`),
    rebuild('student_activities', `
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  activity TEXT NOT NULL,
  PRIMARY KEY (student_id, activity)`),
    rebuild('survey_responses', `
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  survey TEXT NOT NULL,
  question TEXT NOT NULL,
  response TEXT NOT NULL,
  PRIMARY KEY (student_id, survey, question)`),
    rebuild('program_enrollments', `
  program_id TEXT NOT NULL REFERENCES programs(id) ON DELETE CASCADE,
  student_id TEXT NOT NULL REFERENCES students(id) ON DELETE CASCADE,
  begin_date TEXT NOT NULL,
  end_date TEXT,
  PRIMARY KEY (program_id, student_id)`, ['CREATE INDEX program_enrollments_student ON program_enrollments(student_id)']),
  ].join('\n'),
};
