import { createPublicKey, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { StewardError } from '../../shared/api/result';
import { certificateExpiryStatus, formatFingerprint, type ExpiryStatus } from '../../shared/package/certificates';

/**
 * Identities: the district's signing identity and a partner's encryption identity. Node's crypto
 * generates the RSA-3072 key pair (forge's pure-JS keygen takes many seconds); node-forge builds
 * and signs the X.509 v3 certificate (PACKAGE-FORMAT.md: forge does certificates).
 */
export interface Identity {
  certPem: string;
  /** PKCS#8 PEM, unencrypted: the caller keeps it in the encrypted store or a PKCS#12 file. */
  keyPem: string;
}

export type IdentityKind = 'district-signing' | 'partner-encryption' | 'partner';

export interface CreateIdentityInput {
  /** District or partner organisation name; becomes the certificate's O and, with a suffix, its CN. */
  organization: string;
  /** Certificate start; a clock is passed in so tests are deterministic. */
  now: Date;
  validityYears?: number;
}

export const IDENTITY_KEY_BITS = 3072;
export const DEFAULT_VALIDITY_YEARS = 3;

const profiles: Record<IdentityKind, { cnSuffix: string; keyUsage: Record<string, boolean> }> = {
  // Signs manifests (and later destruction certificates): never encrypts.
  'district-signing': { cnSuffix: 'package signing', keyUsage: { digitalSignature: true, nonRepudiation: true } },
  // Receives CMS key transport (RSA-OAEP): never signs.
  'partner-encryption': { cnSuffix: 'package encryption', keyUsage: { keyEncipherment: true } },
  // The partner workspace's one identity: receives packages (key transport) and signs destruction
  // certificates, so the district confirms a single fingerprint by phone (S/MIME dual use).
  partner: { cnSuffix: 'package recipient', keyUsage: { digitalSignature: true, keyEncipherment: true } },
};

/** The district's RSA-3072 signing identity (keyUsage digitalSignature + nonRepudiation). */
export function createDistrictSigningIdentity(input: CreateIdentityInput): Identity {
  return createIdentity('district-signing', input);
}

/** A partner's RSA-3072 encryption identity (keyUsage keyEncipherment). */
export function createPartnerEncryptionIdentity(input: CreateIdentityInput): Identity {
  return createIdentity('partner-encryption', input);
}

/**
 * A partner workspace's RSA-3072 identity (keyUsage digitalSignature + keyEncipherment): packages
 * are encrypted to it with RSA-OAEP and it signs destruction certificates with RSASSA-PKCS1-v1_5.
 */
export function createPartnerIdentity(input: CreateIdentityInput): Identity {
  return createIdentity('partner', input);
}

function createIdentity(kind: IdentityKind, input: CreateIdentityInput): Identity {
  const organization = input.organization.trim();
  if (organization.length === 0 || organization.length > 64) {
    throw new StewardError('BAD_INPUT', 'The organisation name for a certificate must be 1 to 64 characters.', { field: 'organization' });
  }
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: IDENTITY_KEY_BITS,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const profile = profiles[kind];
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = positiveSerialHex();
  cert.validity.notBefore = new Date(Math.floor(input.now.getTime() / 1000) * 1000);
  const notAfter = new Date(cert.validity.notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + (input.validityYears ?? DEFAULT_VALIDITY_YEARS));
  cert.validity.notAfter = notAfter;
  // UTF8String rather than forge's default PrintableString, which cannot hold '&' or accents.
  // (@types/node-forge declares valueTagClass as a Class; forge reads it as the value's Type.)
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.asn1.Class;
  const name = [
    { shortName: 'CN', value: `${organization} ${profile.cnSuffix}`, valueTagClass: utf8 },
    { shortName: 'O', value: organization, valueTagClass: utf8 },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', critical: true, ...profile.keyUsage },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: privateKey };
}

/** 16 random bytes, first byte 0x01..0x7f: a positive, minimally encoded INTEGER. */
function positiveSerialHex(): string {
  const b = randomBytes(16);
  b[0] = ((b[0] as number) & 0x7f) | 0x01;
  return b.toString('hex');
}

/** What the certificate screens show. */
export interface CertificateSummary {
  subject: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  /** SHA-256 of the DER, lower-case hex (what manifests carry). */
  sha256: string;
  /** The same, in groups of four for reading aloud. */
  fingerprint: string;
  keyBits: number | undefined;
  keyUsage: string[];
  expiry: ExpiryStatus;
}

/** Reads a PEM certificate for display; `now` decides the expiry flag (30 days). */
export function describeCertificate(certPem: string, now: Date): CertificateSummary {
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(certPem);
  } catch {
    throw new StewardError('BAD_INPUT', 'This file is not a PEM or DER X.509 certificate.');
  }
  const validity = { notBefore: new Date(x509.validFrom).toISOString(), notAfter: new Date(x509.validTo).toISOString() };
  return {
    subject: x509.subject,
    serialNumber: x509.serialNumber,
    ...validity,
    sha256: x509.fingerprint256.replace(/:/g, '').toLowerCase(),
    fingerprint: certificateFingerprint(certPem),
    keyBits: x509.publicKey.asymmetricKeyDetails?.modulusLength,
    keyUsage: keyUsageOf(certPem),
    expiry: certificateExpiryStatus(validity, now.toISOString()),
  };
}

/** SHA-256 fingerprint in groups of four hex digits, e.g. `3F2A 91C0 ...`. */
export function certificateFingerprint(certPem: string | Buffer): string {
  return formatFingerprint(new X509Certificate(certPem).fingerprint256);
}

function keyUsageOf(certPem: string): string[] {
  const ext = forge.pki.certificateFromPem(certPem).getExtension('keyUsage') as Record<string, unknown> | null;
  if (!ext) return [];
  return ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'].filter((k) => ext[k] === true);
}

/** True when the private key belongs to the certificate (same public key). */
export function keyMatchesCertificate(identity: Identity): boolean {
  const fromKey = createPublicKey(identity.keyPem).export({ type: 'spki', format: 'der' });
  const inCert = new X509Certificate(identity.certPem).publicKey.export({ type: 'spki', format: 'der' });
  return fromKey.equals(inCert);
}
