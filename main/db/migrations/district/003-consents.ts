import type { Migration } from '../types';

/**
 * Consents (34 CFR 99.30), their evidence files, the directory-information designation and
 * per-student directory opt-outs (99.37). Frozen once shipped: change it with a new migration.
 *
 * Agreements live in migration 002 (another area): consents name an agreement by id only, and
 * the consent service checks it exists; no foreign key couples the two schemas.
 */
export const consentsMigration: Migration = {
  version: 3,
  name: 'consents and directory opt-outs',
  sql: `
-- The signed form (scan or e-signature record), encrypted with the rest of the store.
-- One row per distinct file: the same batch scan may evidence several consents.
CREATE TABLE consent_evidence (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  byte_size INTEGER NOT NULL CHECK (byte_size > 0),
  content BLOB NOT NULL,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
) STRICT;

CREATE TABLE consents (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id),
  signer_role TEXT NOT NULL CHECK (signer_role IN ('parent', 'eligible-student')),
  -- The guardian on record who signed (student_guardians); NULL when the eligible student signed.
  guardian_id TEXT REFERENCES guardians(id),
  signer_relationship TEXT NOT NULL,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  agreement_id TEXT,
  purpose TEXT NOT NULL CHECK (length(trim(purpose)) > 0),
  -- Itemised catalog field ids, canonical JSON array (sorted, distinct).
  fields TEXT NOT NULL CHECK (json_valid(fields) AND json_array_length(fields) > 0),
  status TEXT NOT NULL CHECK (status IN ('granted', 'declined', 'revoked')),
  signed_on TEXT NOT NULL,
  expires_on TEXT,
  revoked_on TEXT,
  revocation_reason TEXT CHECK (revocation_reason IN ('parent-request', 'student-request', 'recorded-in-error', 'other')),
  revoked_at TEXT,
  revoked_by TEXT,
  method TEXT NOT NULL CHECK (method IN ('paper-scan', 'electronic')),
  -- How an electronic signer was authenticated (99.30(d)); NULL for paper.
  esign_authentication TEXT,
  evidence_id TEXT NOT NULL REFERENCES consent_evidence(id),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  -- 'manual' or 'import:<file name>' (where the decision came from).
  source TEXT NOT NULL,
  CHECK ((signer_role = 'parent') = (guardian_id IS NOT NULL)),
  CHECK (expires_on IS NULL OR expires_on > signed_on),
  CHECK ((status = 'revoked') = (revoked_on IS NOT NULL)),
  CHECK (revoked_on IS NULL OR revoked_on >= signed_on),
  CHECK ((method = 'electronic') = (esign_authentication IS NOT NULL))
) STRICT;
CREATE INDEX consents_student ON consents(student_id);
CREATE INDEX consents_partner ON consents(partner_id, agreement_id);
CREATE INDEX consents_revoked ON consents(partner_id, revoked_on) WHERE revoked_on IS NOT NULL;

-- The directory-information designation from the district's annual notice (99.37(a)).
-- Append-only history: the latest row is in force.
CREATE TABLE directory_designations (
  seq INTEGER PRIMARY KEY,
  fields TEXT NOT NULL CHECK (json_valid(fields)),
  notice_date TEXT,
  designated_at TEXT NOT NULL,
  designated_by TEXT NOT NULL
) STRICT;

-- A parent's (or eligible student's) refusal of directory disclosure (99.37(a)(2)). It survives the
-- student leaving (99.37(b)): rows are never deleted with the student, only ended by a request.
CREATE TABLE directory_optouts (
  id TEXT PRIMARY KEY,
  student_id TEXT NOT NULL REFERENCES students(id),
  requested_on TEXT NOT NULL,
  requested_by TEXT NOT NULL CHECK (requested_by IN ('parent', 'eligible-student')),
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL,
  removed_on TEXT,
  removed_at TEXT,
  removed_by TEXT,
  CHECK (removed_on IS NULL OR removed_on >= requested_on)
) STRICT;
CREATE UNIQUE INDEX directory_optouts_active ON directory_optouts(student_id) WHERE removed_on IS NULL;
`,
};
