import { constants, privateDecrypt, publicEncrypt, type KeyObject } from 'node:crypto';
import { algorithm, der } from '../asn1-build';
import { issuerAndSerial, namesCertificate, type CertificateInfo } from '../certificate';
import { children, derHeader, expectTag, octets, sequence, smallInt, TAG, type DerElement } from '../der';
import { OID } from '../oids';
import { PackageFailure } from '../package-failure';

/**
 * KeyTransRecipientInfo (RFC 5652 6.2.1) with RSAES-OAEP, SHA-256 and MGF1-SHA-256 (RFC 4055),
 * one per recipient, naming the recipient by issuerAndSerialNumber as OpenSSL does.
 */

export const CONTENT_KEY_BYTES = 32;
/** More recipients than this is not a package we wrote (partner + district archive, + rotation). */
export const MAX_RECIPIENTS = 8;

const OAEP = { padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' } as const;

/** The DER SET of RecipientInfos for a content key, sorted as DER requires of a SET OF. */
export function buildRecipientInfos(recipients: CertificateInfo[], contentKey: Buffer): Buffer {
  if (recipients.length === 0 || recipients.length > MAX_RECIPIENTS) throw new Error(`a package needs 1 to ${MAX_RECIPIENTS} recipients`);
  const encoded = recipients.map((cert) => {
    // Node's oaepHash sets the OAEP digest; OpenSSL's MGF1 digest follows it unless set apart.
    const encryptedKey = publicEncrypt({ key: cert.publicKey, ...OAEP }, contentKey);
    return der.toBuffer(
      der.seq([
        der.int(0),
        der.seq([der.fromDer(cert.issuer), der.intBytes(cert.serial)]),
        oaepAlgorithm(),
        der.octets(encryptedKey),
      ]),
    );
  });
  encoded.sort(Buffer.compare);
  const body = Buffer.concat(encoded);
  return Buffer.concat([derHeader(TAG.SET, body.length), body]);
}

/** RSAES-OAEP-params { hashFunc [0] sha256, maskGenFunc [1] mgf1(sha256) }, byte for byte as OpenSSL 3. */
function oaepAlgorithm() {
  return algorithm(OID.rsaesOaep, der.seq([der.ctx(0, [algorithm(OID.sha256)]), der.ctx(1, [algorithm(OID.mgf1, algorithm(OID.sha256))])]));
}

/** One received KeyTransRecipientInfo, not yet trusted. */
export interface ReceivedRecipient {
  issuer: Buffer;
  serial: Buffer;
  algorithm: DerElement;
  encryptedKey: Buffer;
}

/** Parses the RecipientInfos SET structurally; algorithms are checked by `unwrapContentKey`. */
export function parseRecipientInfos(set: DerElement, what: string): ReceivedRecipient[] {
  expectTag(set, TAG.SET, what);
  const infos = children(set, what, MAX_RECIPIENTS);
  if (infos.length === 0) throw new PackageFailure('malformed', `${what}: no recipients`);
  return infos.map((ri, i) => {
    const name = `${what}[${i}]`;
    // [1] KeyAgree, [2] KEK, [3] password, [4] other: only RSA key transport is allowed.
    if (ri.tag !== TAG.SEQUENCE) throw new PackageFailure('downgrade', `${name}: recipient type 0x${ri.tag.toString(16)} is not RSA key transport`);
    const [version, rid, alg, key] = sequence(ri, name, 4, 4);
    if (smallInt(version!, `${name} version`) !== 0 || rid!.tag !== TAG.SEQUENCE) {
      throw new PackageFailure('malformed', `${name}: recipients must be named by issuer and serial number`);
    }
    const { issuer, serial } = issuerAndSerial(rid!, `${name} recipient`);
    return { issuer, serial, algorithm: alg!, encryptedKey: Buffer.from(octets(key!, `${name} encrypted key`)) };
  });
}

/** The recipient info naming our certificate; none means the package is not addressed to us. */
export function findOurRecipient(recipients: ReceivedRecipient[], cert: CertificateInfo, what: string): ReceivedRecipient {
  const mine = recipients.find((r) => namesCertificate(r.issuer, r.serial, cert));
  if (!mine) throw new PackageFailure('not-addressed-to-you', `${what}: no recipient info names our certificate`);
  return mine;
}

/**
 * Unwraps the content key with RSA-OAEP (call after the algorithms were checked). A key that
 * does not decrypt also means the package was not encrypted for our key.
 */
export function unwrapContentKey(mine: ReceivedRecipient, key: KeyObject, what: string): Buffer {
  let contentKey: Buffer;
  try {
    contentKey = privateDecrypt({ key, ...OAEP }, mine.encryptedKey);
  } catch {
    throw new PackageFailure('not-addressed-to-you', `${what}: the content key does not decrypt with our private key`);
  }
  if (contentKey.length !== CONTENT_KEY_BYTES) throw new PackageFailure('downgrade', `${what}: content key of ${contentKey.length} bytes`);
  return contentKey;
}
