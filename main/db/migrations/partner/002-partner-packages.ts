import type { Migration } from '../types';

/**
 * The partner workspace (issue 5): the partner's identity, the district certificate it pinned
 * after comparing fingerprints, the packages it imported with their records, the revocations
 * applied and the destruction certificates it signed, and the same hash-chained audit log as a
 * district store (main/services/audit-log.ts works on both).
 *
 * A package row is never deleted: after a purge its records are gone but the row (ids, dates,
 * sequence) stays, so a purged package cannot be replayed and the rollback check still holds.
 * The revocation log and destruction records hold no student names or ids: counts, hashes, dates.
 */
export const partnerPackagesMigration: Migration = {
  version: 2,
  name: 'partner identities, packages and records',
  sql: `
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id TEXT,
  summary TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit rows are append-only'); END;

CREATE TABLE identity_key_secrets (
  id TEXT PRIMARY KEY,
  secret BLOB NOT NULL CHECK (length(secret) = 32),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE identities (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('partner')),
  organization TEXT NOT NULL,
  cert_pem TEXT NOT NULL,
  cert_sha256 TEXT NOT NULL UNIQUE CHECK (length(cert_sha256) = 64),
  subject TEXT NOT NULL,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  key_pkcs8_encrypted BLOB NOT NULL,
  key_secret_id TEXT NOT NULL REFERENCES identity_key_secrets(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  retired_at TEXT
) STRICT;
CREATE UNIQUE INDEX identities_one_current ON identities(kind) WHERE retired_at IS NULL;

CREATE TABLE pinned_district_certificates (
  id TEXT PRIMARY KEY,
  cert_pem TEXT NOT NULL,
  cert_sha256 TEXT NOT NULL CHECK (length(cert_sha256) = 64),
  subject TEXT NOT NULL,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  confirmed_fingerprint TEXT NOT NULL CHECK (confirmed_fingerprint = cert_sha256),
  pinned_at TEXT NOT NULL,
  pinned_by TEXT NOT NULL,
  retired_at TEXT
) STRICT;
CREATE UNIQUE INDEX pinned_district_one_current ON pinned_district_certificates(cert_sha256) WHERE retired_at IS NULL;

-- What the workspace learned about each agreement from the packages it accepted.
CREATE TABLE known_agreements (
  agreement_id TEXT PRIMARY KEY,
  district_id TEXT NOT NULL,
  current_version INTEGER NOT NULL,
  ends_on TEXT NOT NULL,
  purpose TEXT NOT NULL,
  legal_basis TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE received_packages (
  package_id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL REFERENCES known_agreements(agreement_id),
  agreement_version INTEGER NOT NULL,
  sequence INTEGER NOT NULL,
  role TEXT NOT NULL,
  district_id TEXT NOT NULL,
  partner_id TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  signer_cert_sha256 TEXT NOT NULL,
  record_count INTEGER NOT NULL,
  columns TEXT NOT NULL CHECK (json_valid(columns)),
  dictionary TEXT NOT NULL CHECK (json_valid(dictionary)),
  notice TEXT NOT NULL,
  -- The identifier column revocations are matched on (NULL: the role receives none).
  key_column TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  destroy_by TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  purged_at TEXT,
  destruction_id TEXT,
  UNIQUE (agreement_id, sequence)
) STRICT;
CREATE INDEX received_packages_destroy_by ON received_packages(destroy_by) WHERE purged_at IS NULL;
CREATE TRIGGER received_packages_no_delete BEFORE DELETE ON received_packages BEGIN SELECT RAISE(ABORT, 'package records are kept'); END;

CREATE TABLE received_records (
  package_id TEXT NOT NULL REFERENCES received_packages(package_id),
  row_index INTEGER NOT NULL,
  student_key TEXT,
  cells TEXT NOT NULL,               -- JSON array of the records.csv cells, as text
  PRIMARY KEY (package_id, row_index)
) STRICT, WITHOUT ROWID;
CREATE INDEX received_records_key ON received_records(package_id, student_key);

-- What a revocation deleted, and when: a hash of the key, never the key or a name.
CREATE TABLE revocation_log (
  id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL,
  notice_package_id TEXT NOT NULL REFERENCES received_packages(package_id),
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  effective_on TEXT NOT NULL,
  key_sha256 TEXT NOT NULL,
  rows_deleted INTEGER NOT NULL,
  packages TEXT NOT NULL CHECK (json_valid(packages)),
  applied_at TEXT NOT NULL,
  applied_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER revocation_log_no_delete BEFORE DELETE ON revocation_log BEGIN SELECT RAISE(ABORT, 'the revocation log is kept'); END;
CREATE TRIGGER revocation_log_no_update BEFORE UPDATE ON revocation_log BEGIN SELECT RAISE(ABORT, 'the revocation log is kept'); END;

CREATE TABLE destructions (
  id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL,
  package_ids TEXT NOT NULL CHECK (json_valid(package_ids)),
  destroyed_at TEXT NOT NULL,
  signed_by TEXT NOT NULL,
  certificate BLOB NOT NULL,         -- the signed certificate (CMS SignedData, DER), as sent to the district
  certificate_sha256 TEXT NOT NULL UNIQUE,
  created_by TEXT NOT NULL
) STRICT;
CREATE TRIGGER destructions_no_delete BEFORE DELETE ON destructions BEGIN SELECT RAISE(ABORT, 'destruction certificates are kept'); END;
`,
};
