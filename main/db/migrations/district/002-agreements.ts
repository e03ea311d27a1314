import type { Migration } from '../types';

/**
 * Agreements, their versions and reviews, and each partner's pseudonym key. Frozen once shipped:
 * change it with a new migration.
 *
 * Invariants the schema itself keeps (the services check them first, with friendlier words):
 * - a version's content and hash change only while it is a draft (trigger);
 * - an approved or active version carries an approval bound to its exact content hash;
 * - at most one draft and one active version per agreement.
 */
export const agreementsMigration: Migration = {
  version: 2,
  name: 'agreements and reviews',
  sql: `
-- Per-partner key for pseudonymous student ids (HMAC-SHA-256): two partners cannot join their data.
-- Random 32 bytes, created with the partner (or on first use for partners that arrived by import).
CREATE TABLE partner_keys (
  partner_id TEXT PRIMARY KEY REFERENCES partners(id) ON DELETE CASCADE,
  pseudonym_key BLOB NOT NULL CHECK (length(pseudonym_key) = 32),
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE agreements (
  id TEXT PRIMARY KEY,
  partner_id TEXT NOT NULL REFERENCES partners(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
) STRICT;
CREATE INDEX agreements_partner ON agreements(partner_id);

CREATE TABLE agreement_versions (
  agreement_id TEXT NOT NULL REFERENCES agreements(id),
  version INTEGER NOT NULL CHECK (version >= 1),
  status TEXT NOT NULL CHECK (status IN ('draft', 'in-review', 'approved', 'active', 'expired', 'terminated')),
  -- AgreementContent as canonical JSON; content_hash is its SHA-256 (hex).
  content TEXT NOT NULL CHECK (json_valid(content)),
  content_hash TEXT NOT NULL CHECK (length(content_hash) = 64),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  submitted_at TEXT,
  submitted_by TEXT,
  -- The legal reviewer's name as they gave it, and the hash they approved.
  approved_by TEXT,
  approved_at TEXT,
  approved_hash TEXT,
  activated_at TEXT,
  ended_at TEXT,
  end_reason TEXT,
  PRIMARY KEY (agreement_id, version),
  CHECK (approved_hash IS NULL OR approved_hash = content_hash),
  CHECK (status NOT IN ('approved', 'active') OR (approved_hash IS NOT NULL AND approved_by IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX agreement_versions_one_draft ON agreement_versions(agreement_id) WHERE status = 'draft';
CREATE UNIQUE INDEX agreement_versions_one_active ON agreement_versions(agreement_id) WHERE status = 'active';
CREATE TRIGGER agreement_versions_content_frozen BEFORE UPDATE OF content, content_hash ON agreement_versions
  WHEN OLD.status <> 'draft'
  BEGIN SELECT RAISE(ABORT, 'agreement content can change only while the version is a draft'); END;

-- Reviewer comments on one version (optionally pointing at a place in it, e.g. roles[0].fields[2]).
CREATE TABLE agreement_comments (
  id TEXT PRIMARY KEY,
  agreement_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  author TEXT NOT NULL,
  at TEXT NOT NULL,
  path TEXT,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  FOREIGN KEY (agreement_id, version) REFERENCES agreement_versions(agreement_id, version)
) STRICT;
CREATE INDEX agreement_comments_version ON agreement_comments(agreement_id, version);
`,
};
