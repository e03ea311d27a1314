import type { Migration } from '../types';

/**
 * FERPA record of disclosures (34 CFR 99.32) and IDEA access record (300.614): one row per
 * package (the who/what/why/until-when, written once) and one narrow row per student in it, so a
 * 500,000-student export adds 500,000 small rows, not 500,000 copies of the field list. Destruction
 * certificates (NDPA Exhibit D) are linked to the packages they cover; records are never deleted.
 * Also indexes the audit log for the audit grid's filters.
 *
 * No foreign keys to agreements/packages (their tables come from other migrations and a record of
 * disclosure must outlive them) nor to students (the record is kept as long as the student's).
 */
export const disclosuresMigration: Migration = {
  version: 4,
  name: 'disclosure records',
  sql: `
CREATE TABLE disclosure_packages (
  package_id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  agreement_id TEXT NOT NULL,
  agreement_version INTEGER NOT NULL,
  role TEXT NOT NULL,
  legal_basis TEXT NOT NULL,          -- consent | school-official | studies | audit-evaluation | directory
  purpose TEXT NOT NULL,
  legitimate_interest TEXT,
  fields TEXT NOT NULL,               -- JSON array of catalog FieldIds
  idea_fields TEXT NOT NULL,          -- JSON array: the IDEA-covered subset (300.614)
  required_by_9932 INTEGER NOT NULL,  -- 1: 99.32 requires the record; 0: logged voluntarily
  disclosed_on TEXT NOT NULL,         -- yyyy-mm-dd
  destroy_by TEXT NOT NULL,           -- yyyy-mm-dd
  student_count INTEGER NOT NULL,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;
CREATE INDEX disclosure_packages_partner ON disclosure_packages(partner_id, disclosed_on);
CREATE INDEX disclosure_packages_agreement ON disclosure_packages(agreement_id);
CREATE INDEX disclosure_packages_date ON disclosure_packages(disclosed_on);

CREATE TABLE disclosure_students (
  student_id TEXT NOT NULL,
  -- Deferred: the export writes its students first and the package row (with the count) last.
  package_id TEXT NOT NULL REFERENCES disclosure_packages(package_id) DEFERRABLE INITIALLY DEFERRED,
  fields TEXT,                        -- JSON array when the policy withheld some of the package's fields for this student; NULL: all of them
  PRIMARY KEY (student_id, package_id)
) STRICT, WITHOUT ROWID;
-- Covering (with fields), so paging a package's students never reads the table itself.
CREATE INDEX disclosure_students_package ON disclosure_students(package_id, student_id, fields);

CREATE TABLE disclosure_destructions (
  id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL,
  destroyed_on TEXT NOT NULL,         -- yyyy-mm-dd, as certified by the recipient
  method TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  categories TEXT NOT NULL,           -- JSON: "all" or an array of Exhibit B categories
  certificate_sha256 TEXT NOT NULL UNIQUE,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
) STRICT;

CREATE TABLE disclosure_package_destructions (
  package_id TEXT NOT NULL REFERENCES disclosure_packages(package_id),
  destruction_id TEXT NOT NULL REFERENCES disclosure_destructions(id),
  PRIMARY KEY (package_id, destruction_id)
) STRICT, WITHOUT ROWID;

-- Disclosure records are evidence: nothing in the app deletes them or rewrites who received what.
CREATE TRIGGER disclosure_packages_no_delete BEFORE DELETE ON disclosure_packages BEGIN SELECT RAISE(ABORT, 'disclosure records are kept'); END;
CREATE TRIGGER disclosure_packages_no_update BEFORE UPDATE ON disclosure_packages BEGIN SELECT RAISE(ABORT, 'disclosure records are kept'); END;
CREATE TRIGGER disclosure_students_no_delete BEFORE DELETE ON disclosure_students BEGIN SELECT RAISE(ABORT, 'disclosure records are kept'); END;
CREATE TRIGGER disclosure_students_no_update BEFORE UPDATE ON disclosure_students BEGIN SELECT RAISE(ABORT, 'disclosure records are kept'); END;

CREATE INDEX audit_log_actor ON audit_log(actor, seq);
CREATE INDEX audit_log_action ON audit_log(action, seq);
CREATE INDEX audit_log_object ON audit_log(object_type, object_id, seq);
CREATE INDEX audit_log_at ON audit_log(at);
`,
};
