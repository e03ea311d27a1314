import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../../../main/services/context';
import { createAgreement } from '../../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../../main/services/agreement-review';
import { attachPartnerCertificate, exportCertificate, pinDistrictCertificate } from '../../../main/services/identity-service';
import { storeIdentity, type StoredKind } from '../../../main/services/identity-store';
import { ensurePartnerKey } from '../../../main/services/partners-service';
import { createDistrictSigningIdentity, createPartnerIdentity, type Identity } from '../../../main/crypto/identity';
import { inTransaction } from '../../../main/db/sql';
import { exportPackage } from '../../../main/services/package-export-service';
import { importPackageFile } from '../../../main/services/partner-workspace-service';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { PARTNER_READ, readingAgreement, seedAgreementDistrict } from '../../helpers/agreement-district';
import type { AgreementContent } from '../../../shared/agreement/types';

/**
 * A district store (the small deterministic test district, an active reading agreement, the
 * district signing identity) and a partner workspace (its identity), each trusting the other's
 * certificate the way the product does it: by typing the fingerprint the other side reads out.
 */
export interface PackageWorld {
  district: TempStore;
  partner: TempStore;
  agreementId: string;
  version: number;
  cleanup(): void;
}

export function activeAgreement(ctx: ServiceContext, content: AgreementContent = readingAgreement()): { agreementId: string; version: number; contentHash: string } {
  const created = createAgreement(ctx, { content });
  const ref = { agreementId: created.agreementId, version: created.version };
  submitAgreement(ctx, ref);
  approveAgreement(ctx, { ...ref, contentHash: created.contentHash, reviewerName: 'R. Counsel' });
  activateAgreement(ctx, ref);
  return { ...ref, contentHash: created.contentHash };
}

export function packageWorld(students = 40, opts: { now?: string; ids?: { district: Identity; partner: Identity } } = {}): PackageWorld {
  const district = tempStore('district', opts.now ? { now: opts.now } : {});
  const partner = tempStore('partner', opts.now ? { now: opts.now } : {});
  seedAgreementDistrict(district.ctx, students);
  // Partners created in the app get their pseudonym key at once; the SQL-seeded ones get it here.
  ensurePartnerKey(district.ctx, PARTNER_READ);
  const { agreementId, version } = activeAgreement(district.ctx);
  const ids = opts.ids ?? identities();
  seedIdentity(district.ctx, 'district-signing', 'Cedar Test District', ids.district);
  seedIdentity(partner.ctx, 'partner', 'ReadWell Tutoring', ids.partner);
  connect(district.ctx, partner.ctx);
  return { district, partner, agreementId, version, cleanup: () => { district.cleanup(); partner.cleanup(); } };
}

let cached: { district: Identity; partner: Identity } | undefined;
/**
 * RSA-3072 key generation takes a second or more: each test file makes its identities once and
 * stores them in every fresh store (identity-service.test.ts covers creating them).
 */
export function identities(): { district: Identity; partner: Identity } {
  const now = new Date('2026-01-01T00:00:00Z');
  cached ??= { district: createDistrictSigningIdentity({ organization: 'Cedar Test District', now }), partner: createPartnerIdentity({ organization: 'ReadWell Tutoring', now }) };
  return cached;
}

export function seedIdentity(ctx: ServiceContext, kind: StoredKind, organization: string, identity: Identity): void {
  inTransaction(ctx.db, () => storeIdentity(ctx, kind, organization, identity, false));
}

/** The fingerprint call: each side attaches/pins the other's certificate with the fingerprint it was read. */
export function connect(district: ServiceContext, partner: ServiceContext, partnerId = PARTNER_READ): void {
  const partnerCert = exportCertificate(partner, {});
  attachPartnerCertificate(district, { partnerId, certPem: partnerCert.pem, fingerprint: partnerCert.fingerprint });
  const districtCert = exportCertificate(district, {});
  pinDistrictCertificate(partner, { certPem: districtCert.pem, fingerprint: districtCert.fingerprint });
}

/** Exports one role's package from the district into a fresh `out` folder and imports it into the partner workspace; returns its id. */
export async function sendAndImport(w: PackageWorld, roleId = 'tutor'): Promise<string> {
  const out = join(w.district.dir, 'out');
  mkdirSync(out, { recursive: true });
  const sent = await exportPackage(w.district.ctx, { agreementId: w.agreementId, version: w.version, roleId, destination: out });
  await importPackageFile(w.partner.ctx, { filePath: sent.path });
  return sent.packageId;
}

/** Row counts and a hash of every table's rows: "the store is unchanged" in one comparable value. */
export function storeSnapshot(ctx: ServiceContext): Record<string, string> {
  const tables = ctx.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const out: Record<string, string> = {};
  for (const t of tables) {
    const rows = ctx.db.prepare(`SELECT * FROM "${t}"`).raw().all() as unknown[][];
    const text = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v))).sort().join('\n');
    out[t] = `${rows.length}:${createHash('sha256').update(text).digest('hex')}`;
  }
  return out;
}
