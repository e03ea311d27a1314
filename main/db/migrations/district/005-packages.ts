import type { Migration } from '../types';

/**
 * Identities and packages (issue 5).
 *
 * - identities: the district's signing identity and optional archive identity. The private key
 *   is kept as encrypted PKCS#8 (PBES2: PBKDF2-SHA256 + AES-256-CBC) under a 256-bit secret held
 *   in identity_key_secrets, on top of the store's own SQLCipher encryption. One current identity
 *   per kind; replaced ones are retired, never deleted (old packages name their certificate).
 * - partner_certificates: a partner's encryption certificate, attached only after the steward
 *   confirmed its SHA-256 fingerprint with the partner by phone (who confirmed is recorded).
 * - packages: one row per exported package, written in the export's transaction together with
 *   the disclosure records (migration 004's disclosure_packages has the same package_id; no
 *   foreign key between them, as 004 wants disclosure records to stand alone). The sequence is
 *   strictly increasing per agreement (UNIQUE stops two concurrent exports taking the same one).
 */
export const packagesMigration: Migration = {
  version: 5,
  name: 'identities and packages',
  sql: `
CREATE TABLE identity_key_secrets (
  id TEXT PRIMARY KEY,
  secret BLOB NOT NULL CHECK (length(secret) = 32),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE identities (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('district-signing', 'district-archive')),
  organization TEXT NOT NULL,
  cert_pem TEXT NOT NULL,
  cert_sha256 TEXT NOT NULL UNIQUE CHECK (length(cert_sha256) = 64),
  subject TEXT NOT NULL,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  -- Encrypted PKCS#8 DER; the passphrase is the hex of identity_key_secrets.secret.
  key_pkcs8_encrypted BLOB NOT NULL,
  key_secret_id TEXT NOT NULL REFERENCES identity_key_secrets(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  retired_at TEXT
) STRICT;
CREATE UNIQUE INDEX identities_one_current ON identities(kind) WHERE retired_at IS NULL;

CREATE TABLE partner_certificates (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  cert_pem TEXT NOT NULL,
  cert_sha256 TEXT NOT NULL CHECK (length(cert_sha256) = 64),
  subject TEXT NOT NULL,
  not_before TEXT NOT NULL,
  not_after TEXT NOT NULL,
  attached_at TEXT NOT NULL,
  attached_by TEXT NOT NULL,
  -- The fingerprint as the steward typed it after the partner read it aloud (normalised hex).
  confirmed_fingerprint TEXT NOT NULL CHECK (confirmed_fingerprint = cert_sha256),
  retired_at TEXT
) STRICT;
CREATE UNIQUE INDEX partner_certificates_one_current ON partner_certificates(partner_id) WHERE retired_at IS NULL;
CREATE INDEX partner_certificates_sha ON partner_certificates(cert_sha256);

CREATE TABLE packages (
  package_id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL REFERENCES agreements(id),
  agreement_version INTEGER NOT NULL,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  role TEXT NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence >= 1),
  previous_package_sha256 TEXT,
  manifest_sha256 TEXT NOT NULL CHECK (length(manifest_sha256) = 64),
  file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64),
  file_name TEXT NOT NULL,
  file_size INTEGER NOT NULL,
  record_count INTEGER NOT NULL,
  revocation_count INTEGER NOT NULL,
  columns TEXT NOT NULL CHECK (json_valid(columns)),
  signer_cert_sha256 TEXT NOT NULL,
  recipient_cert_sha256 TEXT NOT NULL,
  archive_cert_sha256 TEXT,
  as_of TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  destroy_by TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (agreement_id, sequence),
  CHECK ((sequence = 1) = (previous_package_sha256 IS NULL))
) STRICT;
CREATE INDEX packages_partner ON packages(partner_id, created_at);
CREATE TRIGGER packages_no_delete BEFORE DELETE ON packages BEGIN SELECT RAISE(ABORT, 'package records are kept'); END;
CREATE TRIGGER packages_no_update BEFORE UPDATE ON packages BEGIN SELECT RAISE(ABORT, 'package records are kept'); END;
`,
};
