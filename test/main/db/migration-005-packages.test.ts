import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packageWorld, sendAndImport, type PackageWorld } from '../services/package-setup';

/** Migration 005 (district) and partner 002: the constraints that keep package records honest even against a direct SQL edit. */
let w: PackageWorld;
let packageId: string;
beforeEach(async () => {
  w = packageWorld(10);
  packageId = await sendAndImport(w);
});
afterEach(() => w.cleanup());

describe('district migration 005', () => {
  it('keeps package rows: no update, no delete, one sequence number per agreement, the first without a previous hash', () => {
    const db = w.district.ctx.db;
    expect(() => db.prepare('UPDATE packages SET record_count = 0').run()).toThrow(/package records are kept/);
    expect(() => db.prepare('DELETE FROM packages').run()).toThrow(/package records are kept/);
    const copy = (sequence: number, prev: string | null) => db.prepare(
      `INSERT INTO packages SELECT 'p-copy-' || ?, agreement_id, agreement_version, partner_id, role, ?, ?, manifest_sha256, file_sha256, file_name, file_size, record_count, revocation_count,
         columns, signer_cert_sha256, recipient_cert_sha256, archive_cert_sha256, as_of, created_at, expires_at, destroy_by, created_by FROM packages`,
    ).run(sequence, sequence, prev);
    expect(() => copy(1, null)).toThrow(/UNIQUE/);
    expect(() => copy(2, null)).toThrow(/CHECK/);
    expect(() => copy(1, 'ab'.repeat(32))).toThrow(/CHECK|UNIQUE/);
  });

  it('attaches a partner certificate only with the confirmed fingerprint equal to its hash, and one current identity per kind', () => {
    const db = w.district.ctx.db;
    expect(() => db.prepare(`UPDATE partner_certificates SET confirmed_fingerprint = ?`).run('00'.repeat(32))).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO identities SELECT 'dup', kind, organization, cert_pem, 'ff' || substr(cert_sha256, 3), subject, not_before, not_after, key_pkcs8_encrypted, key_secret_id, created_at, created_by, NULL FROM identities`).run()).toThrow(/UNIQUE/);
  });
});

describe('partner migration 002', () => {
  it('keeps received package rows, the revocation log, destructions and an append-only audit log', () => {
    const db = w.partner.ctx.db;
    expect(() => db.prepare('DELETE FROM received_packages WHERE package_id = ?').run(packageId)).toThrow(/package records are kept/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE audit_log SET actor = ?').run('someone')).toThrow(/append-only/);
    expect(() => db.prepare(`UPDATE identities SET kind = 'district-signing'`).run()).toThrow(/CHECK/);
    expect(db.prepare(`SELECT count(*) FROM received_records WHERE package_id = ?`).pluck().get(packageId)).toBeGreaterThan(0);
  });
});
