import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachPartnerCertificate, createIdentity, exportCertificate, exportIdentityPkcs12, identityOverview, pinDistrictCertificate } from '../../../main/services/identity-service';
import { loadIdentity } from '../../../main/services/identity-store';
import { createPartnerIdentity, keyMatchesCertificate } from '../../../main/crypto/identity';
import { importPkcs12 } from '../../../main/crypto/pkcs12';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { PARTNER_READ, seedAgreementDistrict } from '../../helpers/agreement-district';
import { identities, seedIdentity, storeSnapshot } from './package-setup';

let district: TempStore;
let partner: TempStore;
beforeEach(() => {
  district = tempStore('district');
  partner = tempStore('partner');
  seedAgreementDistrict(district.ctx, 3);
});
afterEach(() => {
  district.cleanup();
  partner.cleanup();
});

describe('the district signing identity', () => {
  it('is RSA-3072 with a signing key usage, named after the district, its key encrypted at rest, and replaced only on request', () => {
    const view = createIdentity(district.ctx, {});
    expect(view).toMatchObject({ keyBits: 3072, keyUsage: ['digitalSignature', 'nonRepudiation'], expiry: 'valid' });
    expect(view.subject).toContain('Cedar Test District package signing');
    expect(view.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const stored = district.ctx.db.prepare('SELECT key_pkcs8_encrypted AS key FROM identities').get() as { key: Buffer };
    expect(stored.key.toString('latin1')).not.toContain('PRIVATE KEY');
    expect(() => createPrivateKey({ key: stored.key, format: 'der', type: 'pkcs8' })).toThrow();
    expect(keyMatchesCertificate(loadIdentity(district.ctx, 'district-signing')!)).toBe(true);
    expect(() => createIdentity(district.ctx, {})).toThrow(/already has a district signing identity/);
    const replaced = createIdentity(district.ctx, { replace: true });
    expect(replaced.sha256).not.toBe(view.sha256);
    expect(district.ctx.db.prepare('SELECT count(*) FROM identities WHERE retired_at IS NOT NULL').pluck().get()).toBe(1);
    expect(district.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'identity.create'`).pluck().get()).toBe(2);
  });

  it('exports as a .p12 that opens with its passphrase (and refuses a short one)', () => {
    seedIdentity(district.ctx, 'district-signing', 'Cedar Test District', identities().district);
    expect(() => exportIdentityPkcs12(district.ctx, { passphrase: 'short' })).toThrow(/at least 8 characters/);
    const p12 = exportIdentityPkcs12(district.ctx, { passphrase: 'long enough passphrase' });
    expect(importPkcs12(p12, 'long enough passphrase').certPem).toBe(identities().district.certPem);
    expect(() => importPkcs12(p12, 'wrong passphrase!')).toThrow(/passphrase is wrong/);
    expect(district.ctx.db.prepare(`SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1`).pluck().get()).toBe('identity.export-p12');
  });
});

describe('partner certificates, attached after the fingerprint call', () => {
  it('attaches with the fingerprint typed in any case and spacing, and refuses a wrong one without storing anything', () => {
    const cert = identities().partner.certPem;
    const sha = exportCertOf(cert);
    const before = storeSnapshot(district.ctx);
    expect(() => attachPartnerCertificate(district.ctx, { partnerId: PARTNER_READ, certPem: cert, fingerprint: sha.replace(/^./, sha[0] === 'a' ? 'b' : 'a') })).toThrow(/does not match this certificate/);
    expect(() => attachPartnerCertificate(district.ctx, { partnerId: PARTNER_READ, certPem: cert, fingerprint: '1234' })).toThrow(/64 hex digits/);
    expect(storeSnapshot(district.ctx)).toEqual(before);
    const typed = (sha.toUpperCase().match(/.{4}/g) ?? []).join(' ');
    const attached = attachPartnerCertificate(district.ctx, { partnerId: PARTNER_READ, certPem: cert, fingerprint: typed.toLowerCase() });
    expect(attached).toMatchObject({ partnerId: PARTNER_READ, partnerName: 'ReadWell Tutoring', sha256: sha });
    const overview = identityOverview(district.ctx);
    expect(overview.mode === 'district' && overview.partners.map((p) => p.partnerId)).toEqual([PARTNER_READ]);
    expect(overview.mode === 'district' && overview.partnersWithout.map((p) => p.partnerId)).toEqual(['ptn-clinic']);
  });

  it('refuses a certificate that cannot receive packages (a signing certificate)', () => {
    const cert = identities().district.certPem;
    expect(() => attachPartnerCertificate(district.ctx, { partnerId: PARTNER_READ, certPem: cert, fingerprint: exportCertOf(cert) })).toThrow(/may not be used to receive packages/);
  });

  it('flags a certificate expiring within 30 days', () => {
    const soon = createPartnerIdentity({ organization: 'ReadWell Tutoring', now: new Date('2023-10-01T00:00:00Z') });
    attachPartnerCertificate(district.ctx, { partnerId: PARTNER_READ, certPem: soon.certPem, fingerprint: exportCertOf(soon.certPem) });
    const overview = identityOverview(district.ctx);
    expect(overview.mode === 'district' && overview.partners[0]!.expiry).toBe('expiring-soon');
  });
});

describe('the partner workspace', () => {
  it('creates its identity (recipient and signer), exports its certificate, and pins the district certificate', () => {
    expect(() => createIdentity(partner.ctx, {})).toThrow(/organisation name/);
    const view = createIdentity(partner.ctx, { organization: 'ReadWell Tutoring' });
    expect(view.keyUsage).toEqual(['digitalSignature', 'keyEncipherment']);
    expect(exportCertificate(partner.ctx, {}).pem).toBe(view.pem);
    const d = identities().district.certPem;
    expect(() => pinDistrictCertificate(partner.ctx, { certPem: d, fingerprint: 'ab'.repeat(32) })).toThrow(/does not match/);
    pinDistrictCertificate(partner.ctx, { certPem: d, fingerprint: exportCertOf(d) });
    const overview = identityOverview(partner.ctx);
    expect(overview.mode === 'partner' && overview.districts.map((c) => c.sha256)).toEqual([exportCertOf(d)]);
    expect(() => pinDistrictCertificate(district.ctx, { certPem: d, fingerprint: exportCertOf(d) })).toThrow(/partner workspace/);
  });
});

function exportCertOf(pem: string): string {
  return new X509Certificate(pem).fingerprint256.replace(/:/g, '').toLowerCase();
}
