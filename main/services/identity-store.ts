import { createPrivateKey, randomBytes } from 'node:crypto';
import type { ServiceContext } from './context';
import { describeCertificate, type Identity } from '../crypto/identity';
import { StewardError } from '../../shared/api/result';
import { normaliseFingerprint } from '../../shared/package/fingerprint';
import type { CertificateView } from '../../shared/api/packages-api';

/**
 * Private keys at rest, for both stores (district: signing and archive identities; partner
 * workspace: its identity). The store itself is SQLCipher-encrypted; on top of that a key is kept
 * as encrypted PKCS#8 (PBES2 with AES-256-CBC) whose passphrase is a random 256-bit secret in
 * another table. Why both: a row of `identities` that leaves the store (a support query, a
 * debug dump, a copied table) is then not a usable key, and the key bytes are only ever
 * decrypted in memory for the export or import that needs them. It does not protect against
 * someone holding the store key: that is the store passphrase's job (and the .p12 export's).
 */
export type StoredKind = 'district-signing' | 'district-archive' | 'partner';

export interface StoredIdentity extends Identity {
  id: string;
  kind: StoredKind;
  organization: string;
  certSha256: string;
  createdAt: string;
}

interface Row {
  id: string;
  kind: StoredKind;
  organization: string;
  certPem: string;
  certSha256: string;
  key: Buffer;
  secret: Buffer;
  createdAt: string;
}

/** The current identity of a kind, key decrypted, or undefined when none was created. */
export function loadIdentity(ctx: ServiceContext, kind: StoredKind): StoredIdentity | undefined {
  const row = ctx.db
    .prepare(
      `SELECT i.id, i.kind, i.organization, i.cert_pem AS certPem, i.cert_sha256 AS certSha256, i.key_pkcs8_encrypted AS key, s.secret, i.created_at AS createdAt
         FROM identities i JOIN identity_key_secrets s ON s.id = i.key_secret_id
        WHERE i.kind = ? AND i.retired_at IS NULL`,
    )
    .get(kind) as Row | undefined;
  if (!row) return undefined;
  const keyPem = createPrivateKey({ key: row.key, format: 'der', type: 'pkcs8', passphrase: row.secret.toString('hex') })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return { id: row.id, kind: row.kind, organization: row.organization, certPem: row.certPem, keyPem, certSha256: row.certSha256, createdAt: row.createdAt };
}

/** The current certificate of a kind (no key), or undefined. */
export function currentCertificate(ctx: ServiceContext, kind: StoredKind): string | undefined {
  return ctx.db.prepare('SELECT cert_pem FROM identities WHERE kind = ? AND retired_at IS NULL').pluck().get(kind) as string | undefined;
}

/**
 * Stores a new identity (call inside the caller's transaction, with its audit row). With
 * `replace`, the current one of the kind is retired (kept: older packages name it); without,
 * an existing one is a CONFLICT.
 */
export function storeIdentity(ctx: ServiceContext, kind: StoredKind, organization: string, identity: Identity, replace: boolean): StoredIdentity {
  const current = ctx.db.prepare('SELECT id FROM identities WHERE kind = ? AND retired_at IS NULL').pluck().get(kind) as string | undefined;
  if (current && !replace) storeIdentityConflict(kind);
  const now = ctx.now().toISOString();
  if (current) ctx.db.prepare('UPDATE identities SET retired_at = ? WHERE id = ?').run(now, current);
  const secret = randomBytes(32);
  const secretId = ctx.newId();
  ctx.db.prepare('INSERT INTO identity_key_secrets (id, secret, created_at) VALUES (?, ?, ?)').run(secretId, secret, now);
  const key = createPrivateKey(identity.keyPem).export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: secret.toString('hex') });
  const summary = describeCertificate(identity.certPem, ctx.now());
  const id = ctx.newId();
  ctx.db
    .prepare(
      `INSERT INTO identities (id, kind, organization, cert_pem, cert_sha256, subject, not_before, not_after, key_pkcs8_encrypted, key_secret_id, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(id, kind, organization, identity.certPem, summary.sha256, summary.subject, summary.notBefore, summary.notAfter, key, secretId, now, ctx.actor);
  return { id, kind, organization, ...identity, certSha256: summary.sha256, createdAt: now };
}

export function storeIdentityConflict(kind: StoredKind): never {
  throw new StewardError('CONFLICT', `This store already has a ${kindWords[kind]}. Replacing it means the other party must confirm the new fingerprint; pass replace (--replace) if you mean to.`);
}

export const kindWords: Record<StoredKind, string> = {
  'district-signing': 'district signing identity',
  'district-archive': 'district archive identity',
  partner: 'partner identity',
};

/** A certificate for the screens and the CLI (fingerprint, expiry flag at `now`). */
export function certificateView(certPem: string, now: Date): CertificateView {
  const s = describeCertificate(certPem, now);
  // Node writes the subject one attribute per line; the screens and the CLI show it on one.
  return { ...s, subject: s.subject.split('\n').join(', '), keyBits: s.keyBits ?? null, pem: certPem };
}

/**
 * Checks a certificate someone brought against the fingerprint the other party read aloud.
 * Returns its view; a mismatch, a typo'd fingerprint, an expired or weak certificate is refused
 * with what to do, and nothing is stored.
 */
export function confirmCertificate(certPem: string, typedFingerprint: string, now: Date, need: 'encrypt' | 'sign'): CertificateView {
  const view = certificateView(certPem.trim() + '\n', now);
  const typed = normaliseFingerprint(typedFingerprint);
  if (!typed) {
    throw new StewardError('BAD_INPUT', 'The fingerprint must be the 64 hex digits (16 groups of 4) the other party reads aloud from their screen.', { field: 'fingerprint' });
  }
  if (typed !== view.sha256) {
    throw new StewardError('BAD_INPUT', 'The fingerprint you typed does not match this certificate. Do not attach it: ask the other party to read their fingerprint again, or to send the certificate again.', { field: 'fingerprint' });
  }
  if (view.expiry === 'expired' || view.expiry === 'not-yet-valid') {
    throw new StewardError('BAD_INPUT', `This certificate is ${view.expiry === 'expired' ? 'expired' : 'not valid yet'} (valid ${view.notBefore.slice(0, 10)} to ${view.notAfter.slice(0, 10)}). Ask for a current one.`, { field: 'certPem' });
  }
  if ((view.keyBits ?? 0) < 3072) throw new StewardError('BAD_INPUT', 'This certificate\'s RSA key is shorter than 3072 bits; Steward needs RSA-3072 or longer.', { field: 'certPem' });
  const usage = need === 'encrypt' ? 'keyEncipherment' : 'digitalSignature';
  if (view.keyUsage.length > 0 && !view.keyUsage.includes(usage) && !(need === 'sign' && view.keyUsage.includes('nonRepudiation'))) {
    throw new StewardError('BAD_INPUT', `This certificate may not be used to ${need === 'encrypt' ? 'receive packages (no keyEncipherment)' : 'sign packages (no digitalSignature)'}. Ask for the right certificate.`, { field: 'certPem' });
  }
  return view;
}
