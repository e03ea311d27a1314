import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { children, contents, expectTag, raw, readWhole, sequence, TAG } from './der';

/**
 * What CMS needs from an X.509 certificate: its exact DER, the issuer Name and serial number
 * (CMS names recipients and signers by issuerAndSerialNumber), its public key and its
 * SHA-256. Parsed with our strict DER reader; keys and hashes come from Node's X509Certificate.
 */
export interface CertificateInfo {
  der: Buffer;
  /** DER of the issuer Name, compared byte for byte. */
  issuer: Buffer;
  /** Contents octets of the serial INTEGER, compared byte for byte. */
  serial: Buffer;
  publicKey: KeyObject;
  /** Lower-case hex SHA-256 of the DER: the fingerprint read aloud and put in manifests. */
  sha256: string;
  x509: X509Certificate;
}

/** Accepts PEM text or DER bytes. */
export function certificateInfo(cert: string | Buffer): CertificateInfo {
  const x509 = new X509Certificate(cert);
  const der = x509.raw;
  const top = sequence(readWhole(der, 'certificate', TAG.SEQUENCE), 'certificate', 3);
  const tbs = sequence(top[0]!, 'tbsCertificate', 6, 10);
  // version [0] EXPLICIT is present in every v3 certificate; v1 certificates start with the serial.
  const at = tbs[0]!.tag === TAG.CTX0 ? 1 : 0;
  const serial = expectTag(tbs[at]!, TAG.INTEGER, 'certificate serial');
  const issuer = expectTag(tbs[at + 2]!, TAG.SEQUENCE, 'certificate issuer');
  return {
    der,
    issuer: Buffer.from(raw(issuer)),
    serial: Buffer.from(contents(serial)),
    publicKey: x509.publicKey,
    sha256: sha256Hex(der),
    x509,
  };
}

export function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** True when an issuerAndSerialNumber (as received) names this certificate. */
export function namesCertificate(issuer: Buffer, serial: Buffer, cert: CertificateInfo): boolean {
  return issuer.equals(cert.issuer) && serial.equals(cert.serial);
}

/** Splits a received issuerAndSerialNumber SEQUENCE into its issuer DER and serial contents. */
export function issuerAndSerial(el: Parameters<typeof children>[0], what: string): { issuer: Buffer; serial: Buffer } {
  const [issuer, serial] = sequence(el, what, 2, 2);
  expectTag(issuer!, TAG.SEQUENCE, `${what} issuer`);
  expectTag(serial!, TAG.INTEGER, `${what} serial`);
  return { issuer: Buffer.from(raw(issuer!)), serial: Buffer.from(contents(serial!)) };
}
