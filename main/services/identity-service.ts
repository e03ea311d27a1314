import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { certificateView, confirmCertificate, currentCertificate, kindWords, loadIdentity, storeIdentity, storeIdentityConflict, type StoredIdentity, type StoredKind } from './identity-store';
import { createDistrictSigningIdentity, createPartnerEncryptionIdentity, createPartnerIdentity } from '../crypto/identity';
import { exportPkcs12 } from '../crypto/pkcs12';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import type { CertificateView, IdentityOverview, PartnerCertificateView, PinnedCertificateView } from '../../shared/api/packages-api';

/**
 * Identities and the certificates of the other party, for both store modes. District: the
 * signing identity (every package is signed with it), an optional archive identity (a second
 * recipient of every package), and each partner's certificate, attached only after the steward
 * typed the fingerprint the partner read aloud. Partner workspace: its own identity and the
 * district certificate it trusts, pinned the same way. Every change is audited.
 */

/** Refuses a district-only or partner-only operation in the other kind of store. */
export function requireMode(ctx: ServiceContext, mode: 'district' | 'partner', what: string): void {
  if (ctx.mode !== mode) throw wrongModeError(mode, what);
}

/** The refusal of an operation done in the other kind of store, in plain words. */
export function wrongModeError(mode: 'district' | 'partner', what: string): StewardError {
  return new StewardError('INVALID_STATE', mode === 'district' ? `${what} is done in the district store, not in a partner workspace.` : `${what} is done in a partner workspace (steward init --partner), not in the district store.`);
}

/** The district's organisation record: its id (in manifests) and name (in certificates and notices). */
export function districtOrg(ctx: ServiceContext): { id: string; name: string } {
  const row = ctx.db.prepare(`SELECT id, name FROM orgs WHERE type = 'district' ORDER BY id LIMIT 1`).get() as { id: string; name: string } | undefined;
  if (!row) throw new StewardError('INVALID_STATE', 'The district store has no district organisation yet: import the district\'s data first (steward import).');
  return row;
}

function storedKind(ctx: ServiceContext, kind: 'signing' | 'archive'): StoredKind {
  if (ctx.mode === 'partner') {
    if (kind === 'archive') throw new StewardError('BAD_INPUT', 'A partner workspace has one identity; archive identities belong to districts.', { field: 'kind' });
    return 'partner';
  }
  return kind === 'signing' ? 'district-signing' : 'district-archive';
}

/** The district's signing identity with its key; NOT_FOUND says how to create it. */
export function districtSigningIdentity(ctx: ServiceContext): StoredIdentity {
  const id = loadIdentity(ctx, 'district-signing');
  if (!id) throw new StewardError('NOT_FOUND', 'The district has no signing identity yet. Create it with \'steward identity create\' (or on the Identity screen) and give the partners its fingerprint.');
  return id;
}

/** The partner workspace's identity with its key; NOT_FOUND says how to create it. */
export function partnerIdentity(ctx: ServiceContext): StoredIdentity {
  const id = loadIdentity(ctx, 'partner');
  if (!id) throw new StewardError('NOT_FOUND', 'This workspace has no identity yet. Create it with \'steward identity create --partner\' (or on the Identity screen) and send the district its certificate.');
  return id;
}

/** Creates the identity of the store's mode (RSA-3072: about a second). */
export function createIdentity(ctx: ServiceContext, input: { kind?: 'signing' | 'archive'; organization?: string | undefined; replace?: boolean }): CertificateView {
  const kind = storedKind(ctx, input.kind ?? 'signing');
  // Refuse before generating a key (seconds of work) that could not be stored.
  if (!input.replace && currentCertificate(ctx, kind)) storeIdentityConflict(kind);
  const organization = (input.organization ?? (ctx.mode === 'district' ? districtOrg(ctx).name : '')).trim();
  if (!organization) throw new StewardError('BAD_INPUT', 'Give the organisation name the certificate should carry (--organization).', { field: 'organization' });
  const now = ctx.now();
  const identity = kind === 'district-signing' ? createDistrictSigningIdentity({ organization, now })
    : kind === 'district-archive' ? createPartnerEncryptionIdentity({ organization: `${organization} archive`.slice(0, 64), now })
    : createPartnerIdentity({ organization, now });
  return inTransaction(ctx.db, () => {
    const stored = storeIdentity(ctx, kind, organization, identity, input.replace ?? false);
    appendAudit(ctx, { action: 'identity.create', objectType: 'identity', objectId: stored.id, summary: { kind, organization, certSha256: stored.certSha256, replaced: input.replace ?? false } });
    return certificateView(stored.certPem, now);
  });
}

/** The certificate to send to the other party, as PEM (never the key). */
export function exportCertificate(ctx: ServiceContext, input: { kind?: 'signing' | 'archive' }): { pem: string; fileName: string; fingerprint: string } {
  const kind = storedKind(ctx, input.kind ?? 'signing');
  const pem = currentCertificate(ctx, kind);
  if (!pem) throw new StewardError('NOT_FOUND', `This store has no ${kindWords[kind]} yet. Create it first (steward identity create).`);
  const view = certificateView(pem, ctx.now());
  return { pem, fileName: `${kind}-${view.sha256.slice(0, 8)}.pem`, fingerprint: view.fingerprint };
}

/** The identity (key and certificate) as a passphrase-protected .p12 file, for backup or another machine. Audited. */
export function exportIdentityPkcs12(ctx: ServiceContext, input: { kind?: 'signing' | 'archive'; passphrase: string }): Buffer {
  const kind = storedKind(ctx, input.kind ?? 'signing');
  const identity = loadIdentity(ctx, kind);
  if (!identity) throw new StewardError('NOT_FOUND', `This store has no ${kindWords[kind]} to export.`);
  const p12 = exportPkcs12(identity, input.passphrase, kindWords[kind]);
  inTransaction(ctx.db, () => appendAudit(ctx, { action: 'identity.export-p12', objectType: 'identity', objectId: identity.id, summary: { kind, certSha256: identity.certSha256 } }));
  return p12;
}

/** District: attaches a partner's certificate once its fingerprint was confirmed by phone; the previous one is retired. */
export function attachPartnerCertificate(ctx: ServiceContext, input: { partnerId: string; certPem: string; fingerprint: string }): PartnerCertificateView {
  requireMode(ctx, 'district', 'Attaching a partner certificate');
  const partner = ctx.db.prepare('SELECT id, name FROM partners WHERE id = ?').get(input.partnerId) as { id: string; name: string } | undefined;
  if (!partner) throw new StewardError('NOT_FOUND', `No partner with id '${input.partnerId}'. List partners with 'steward partner list'.`, { field: 'partnerId' });
  const view = confirmCertificate(input.certPem, input.fingerprint, ctx.now(), 'encrypt');
  return inTransaction(ctx.db, () => {
    const now = ctx.now().toISOString();
    ctx.db.prepare('UPDATE partner_certificates SET retired_at = ? WHERE partner_id = ? AND retired_at IS NULL').run(now, partner.id);
    const id = ctx.newId();
    ctx.db
      .prepare(`INSERT INTO partner_certificates (id, partner_id, cert_pem, cert_sha256, subject, not_before, not_after, attached_at, attached_by, confirmed_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, partner.id, view.pem, view.sha256, view.subject, view.notBefore, view.notAfter, now, ctx.actor, view.sha256);
    appendAudit(ctx, { action: 'partner.certificate-attach', objectType: 'partner', objectId: partner.id, summary: { certSha256: view.sha256, notAfter: view.notAfter, fingerprintConfirmed: true } });
    return { ...view, partnerId: partner.id, partnerName: partner.name, attachedAt: now, attachedBy: ctx.actor };
  });
}

/** The partner's current certificate (PEM); NOT_FOUND says how to attach one. */
export function partnerCertificatePem(ctx: ServiceContext, partnerId: string): string {
  const pem = ctx.db.prepare('SELECT cert_pem FROM partner_certificates WHERE partner_id = ? AND retired_at IS NULL').pluck().get(partnerId) as string | undefined;
  if (!pem) throw new StewardError('NOT_FOUND', `Partner ${partnerId} has no certificate attached: ask them for it and attach it after comparing fingerprints (steward identity import-cert --partner-id ${partnerId}).`, { field: 'partnerId' });
  return pem;
}

/** Partner: trusts a district certificate to sign packages, once its fingerprint was confirmed by phone. */
export function pinDistrictCertificate(ctx: ServiceContext, input: { certPem: string; fingerprint: string }): PinnedCertificateView {
  requireMode(ctx, 'partner', 'Pinning the district certificate');
  const view = confirmCertificate(input.certPem, input.fingerprint, ctx.now(), 'sign');
  return inTransaction(ctx.db, () => {
    const now = ctx.now().toISOString();
    if (ctx.db.prepare('SELECT 1 FROM pinned_district_certificates WHERE cert_sha256 = ? AND retired_at IS NULL').get(view.sha256)) {
      throw new StewardError('CONFLICT', 'This district certificate is already trusted.', { field: 'certPem' });
    }
    const id = ctx.newId();
    ctx.db
      .prepare(`INSERT INTO pinned_district_certificates (id, cert_pem, cert_sha256, subject, not_before, not_after, confirmed_fingerprint, pinned_at, pinned_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, view.pem, view.sha256, view.subject, view.notBefore, view.notAfter, view.sha256, now, ctx.actor);
    appendAudit(ctx, { action: 'district.certificate-pin', objectType: 'certificate', objectId: id, summary: { certSha256: view.sha256, notAfter: view.notAfter, fingerprintConfirmed: true } });
    return { ...view, pinnedAt: now, pinnedBy: ctx.actor };
  });
}

/** Everything the identity screen shows, for the store's mode. */
export function identityOverview(ctx: ServiceContext): IdentityOverview {
  const now = ctx.now();
  const view = (pem: string | undefined) => (pem ? certificateView(pem, now) : null);
  if (ctx.mode === 'partner') {
    const districts = ctx.db.prepare('SELECT cert_pem AS pem, pinned_at AS pinnedAt, pinned_by AS pinnedBy FROM pinned_district_certificates WHERE retired_at IS NULL ORDER BY pinned_at').all() as { pem: string; pinnedAt: string; pinnedBy: string }[];
    return { mode: 'partner', identity: view(currentCertificate(ctx, 'partner')), districts: districts.map((d) => ({ ...certificateView(d.pem, now), pinnedAt: d.pinnedAt, pinnedBy: d.pinnedBy })) };
  }
  const partners = ctx.db
    .prepare(`SELECT c.cert_pem AS pem, c.partner_id AS partnerId, p.name AS partnerName, c.attached_at AS attachedAt, c.attached_by AS attachedBy
                FROM partner_certificates c JOIN partners p ON p.id = c.partner_id WHERE c.retired_at IS NULL ORDER BY p.name COLLATE NOCASE`)
    .all() as { pem: string; partnerId: string; partnerName: string; attachedAt: string; attachedBy: string }[];
  const without = ctx.db
    .prepare(`SELECT id AS partnerId, name AS partnerName FROM partners p WHERE NOT EXISTS (SELECT 1 FROM partner_certificates c WHERE c.partner_id = p.id AND c.retired_at IS NULL) ORDER BY name COLLATE NOCASE`)
    .all() as { partnerId: string; partnerName: string }[];
  return {
    mode: 'district',
    signing: view(currentCertificate(ctx, 'district-signing')),
    archive: view(currentCertificate(ctx, 'district-archive')),
    partners: partners.map(({ pem, ...p }) => ({ ...certificateView(pem, now), ...p })),
    partnersWithout: without,
  };
}
