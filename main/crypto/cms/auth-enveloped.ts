import { createCipheriv, createDecipheriv, randomBytes, type CipherGCM, type DecipherGCM, type KeyObject } from 'node:crypto';
import { algorithm, der } from '../asn1-build';
import type { CertificateInfo } from '../certificate';
import { derHeader, end, expectTag, oid, readElement, readHeader, smallInt, TAG, type DerElement } from '../der';
import { OID } from '../oids';
import { PackageFailure } from '../package-failure';
import { checkContentEncryptionAlgorithm, checkKeyTransportAlgorithm, GCM_NONCE_BYTES, GCM_TAG_BYTES } from './algorithms';
import { buildRecipientInfos, CONTENT_KEY_BYTES, findOurRecipient, parseRecipientInfos, unwrapContentKey, type ReceivedRecipient } from './recipient-info';

/**
 * CMS AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084), DER, streamable both ways.
 *
 *   ContentInfo { authEnvelopedData, [0] AuthEnvelopedData {
 *     version 0, recipientInfos SET, authEncryptedContentInfo { data, aes256-GCM{nonce, 16},
 *     [0] IMPLICIT ciphertext }, mac OCTET STRING (16) } }
 *
 * GCM ciphertext is as long as the plaintext, so every DER length is known before the first
 * byte is encrypted: the writer emits the header, streams the cipher output, then the tag. The
 * reader parses the header from a prefix, streams the ciphertext, and checks the tag that
 * follows it. There are no authenticated attributes, so GCM has no additional data.
 */

/** The MAC element after the ciphertext: OCTET STRING of 16 bytes. */
export const TRAILER_BYTES = 2 + GCM_TAG_BYTES;
/** A part's header (recipients and parameters) is never longer than this. */
export const MAX_HEADER_BYTES = 16 * 1024;

export interface EnvelopeWriter {
  /** DER bytes before the ciphertext. */
  header: Buffer;
  /** header + ciphertext + trailer: the size of the finished structure. */
  totalLength: number;
  update(plaintext: Buffer): Buffer;
  /** The trailer (mac element); throws if fewer or more bytes than announced were encrypted. */
  final(): Buffer;
}

/** The DER around a ciphertext of known length, and the fresh key and nonce it announces. */
export interface EnvelopePlan {
  header: Buffer;
  totalLength: number;
  key: Buffer;
  nonce: Buffer;
}

/** Plans an AuthEnvelopedData for `contentLength` bytes: fresh key and nonce, wrapped for each recipient. */
export function planEnvelope(recipients: CertificateInfo[], contentLength: number): EnvelopePlan {
  const key = randomBytes(CONTENT_KEY_BYTES);
  const nonce = randomBytes(GCM_NONCE_BYTES);
  const recipientInfos = buildRecipientInfos(recipients, key);
  const contentAlg = der.toBuffer(algorithm(OID.aes256Gcm, der.seq([der.octets(nonce), der.int(GCM_TAG_BYTES)])));
  const eciBody = Buffer.concat([der.toBuffer(der.oid(OID.data)), contentAlg, derHeader(TAG.CTX0_PRIMITIVE, contentLength)]);
  const eciLength = eciBody.length + contentLength;
  const aedBody = Buffer.concat([der.toBuffer(der.int(0)), recipientInfos, derHeader(TAG.SEQUENCE, eciLength), eciBody]);
  const aedLength = aedBody.length + contentLength + TRAILER_BYTES;
  const aedHeader = derHeader(TAG.SEQUENCE, aedLength);
  const wrapLength = aedHeader.length + aedLength;
  const typeOid = der.toBuffer(der.oid(OID.authEnvelopedData));
  const ciBody = Buffer.concat([typeOid, derHeader(TAG.CTX0, wrapLength), aedHeader, aedBody]);
  const ciLength = typeOid.length + derHeader(TAG.CTX0, wrapLength).length + wrapLength;
  const header = Buffer.concat([derHeader(TAG.SEQUENCE, ciLength), ciBody]);
  return { header, totalLength: header.length + contentLength + TRAILER_BYTES, key, nonce };
}

/** The MAC element that closes the structure. */
export function macTrailer(tag: Buffer): Buffer {
  return Buffer.concat([Buffer.from([TAG.OCTET_STRING, GCM_TAG_BYTES]), tag]);
}

/** Starts an AuthEnvelopedData for `contentLength` bytes, encrypting in this thread. */
export function createEnvelopeWriter(recipients: CertificateInfo[], contentLength: number): EnvelopeWriter {
  const { header, totalLength, key, nonce } = planEnvelope(recipients, contentLength);
  const cipher: CipherGCM = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  let written = 0;
  return {
    header,
    totalLength,
    update(plaintext) {
      written += plaintext.length;
      if (written > contentLength) throw new Error('more plaintext than announced');
      return cipher.update(plaintext);
    },
    final() {
      if (written !== contentLength) throw new Error(`announced ${contentLength} bytes, encrypted ${written}`);
      const rest = cipher.final();
      if (rest.length !== 0) throw new Error('GCM produced trailing output');
      return macTrailer(cipher.getAuthTag());
    },
  };
}

/** Encrypts a small buffer (the signed manifest) in one go. */
export function sealEnvelope(plaintext: Buffer, recipients: CertificateInfo[]): Buffer {
  const w = createEnvelopeWriter(recipients, plaintext.length);
  return Buffer.concat([w.header, w.update(plaintext), w.final()]);
}

/** The parsed header of a received AuthEnvelopedData; nothing in it is trusted yet. */
export interface EnvelopeHeader {
  recipients: ReceivedRecipient[];
  contentAlgorithm: DerElement;
  /** Offset of the first ciphertext byte from the start of the structure. */
  contentOffset: number;
  contentLength: number;
}

/**
 * Parses the header from `prefix` (the first bytes of a structure that is `totalLength` long):
 * every length must add up exactly to `totalLength`, the ciphertext must be a primitive [0]
 * (DER, not BER chunks), and only the 18-byte MAC may follow it (no authenticated or
 * unauthenticated attributes).
 */
export function parseEnvelopeHeader(prefix: Buffer, totalLength: number, what: string): EnvelopeHeader {
  const ci = expectTag(readHeader(prefix, 0, what), TAG.SEQUENCE, what);
  if (end(ci) < totalLength) throw new PackageFailure('trailing-bytes', `${what}: ${totalLength - end(ci)} bytes after its end`);
  if (end(ci) > totalLength) throw new PackageFailure('truncated', `${what}: ends early`);
  const typeEl = readElement(prefix, ci.headerLength, `${what} content type`);
  const type = oid(typeEl, `${what} content type`);
  if (type === OID.envelopedData) throw new PackageFailure('downgrade', `${what}: EnvelopedData (no authenticated encryption)`);
  if (type !== OID.authEnvelopedData) throw new PackageFailure('malformed', `${what}: content type ${type} is not AuthEnvelopedData`);
  const wrap = expectTag(readHeader(prefix, end(typeEl), what), TAG.CTX0, `${what} [0]`);
  const aed = expectTag(readHeader(prefix, wrap.start + wrap.headerLength, what), TAG.SEQUENCE, `${what} AuthEnvelopedData`);
  if (end(wrap) !== end(ci) || end(aed) !== end(wrap)) throw new PackageFailure('malformed', `${what}: lengths do not nest`);
  const version = readElement(prefix, aed.start + aed.headerLength, `${what} version`);
  if (smallInt(version, `${what} version`) !== 0) throw new PackageFailure('malformed', `${what}: version must be 0`);
  const riSet = readElement(prefix, end(version), `${what} recipients`);
  if (riSet.tag === TAG.CTX0) throw new PackageFailure('malformed', `${what}: originatorInfo is not used`);
  const recipients = parseRecipientInfos(riSet, `${what} recipient`);
  const eci = expectTag(readHeader(prefix, end(riSet), what), TAG.SEQUENCE, `${what} encrypted content info`);
  const contentType = readElement(prefix, eci.start + eci.headerLength, `${what} encrypted content type`);
  if (oid(contentType, `${what} encrypted content type`) !== OID.data) throw new PackageFailure('malformed', `${what}: encrypted content must be data`);
  const contentAlgorithm = readElement(prefix, end(contentType), `${what} content encryption algorithm`);
  const content = readHeader(prefix, end(contentAlgorithm), `${what} ciphertext`);
  if (content.tag !== TAG.CTX0_PRIMITIVE) throw new PackageFailure('malformed', `${what}: ciphertext must be one primitive [0] value (DER)`);
  const contentOffset = content.start + content.headerLength;
  if (end(eci) !== contentOffset + content.length) throw new PackageFailure('malformed', `${what}: encrypted content info length`);
  if (end(aed) !== end(eci) + TRAILER_BYTES) {
    throw new PackageFailure('malformed', `${what}: only a 16-byte MAC may follow the ciphertext (no attributes)`);
  }
  return { recipients, contentAlgorithm, contentOffset, contentLength: content.length };
}

/**
 * The checks that need no private key: addressed to us (else not-addressed-to-you), then every
 * recipient's key transport and the content encryption on the allow-list (else downgrade).
 */
export function checkEnvelope(header: EnvelopeHeader, cert: CertificateInfo, what: string): { mine: ReceivedRecipient; nonce: Buffer } {
  const mine = findOurRecipient(header.recipients, cert, what);
  header.recipients.forEach((r, i) => checkKeyTransportAlgorithm(r.algorithm, `${what} recipient[${i}] key transport`));
  const nonce = checkContentEncryptionAlgorithm(header.contentAlgorithm, `${what} content encryption`);
  return { mine, nonce };
}

export interface EnvelopeReader {
  update(ciphertext: Buffer): Buffer;
  /** Checks the MAC element and the GCM tag: the plaintext counts only if this returns. */
  final(trailer: Buffer): void;
}

/**
 * After the header parsed: finds our recipient info (else not-addressed-to-you), checks the
 * algorithms (else downgrade), unwraps the key and returns a streaming decrypter.
 */
export function openEnvelopeReader(header: EnvelopeHeader, ours: { cert: CertificateInfo; key: KeyObject }, what: string): EnvelopeReader {
  const { mine, nonce } = checkEnvelope(header, ours.cert, what);
  const key = unwrapContentKey(mine, ours.key, what);
  const decipher: DecipherGCM = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: GCM_TAG_BYTES });
  let seen = 0;
  return {
    update(ciphertext) {
      seen += ciphertext.length;
      return decipher.update(ciphertext);
    },
    final(trailer) {
      if (seen !== header.contentLength) throw new PackageFailure('truncated', `${what}: ciphertext length`);
      if (trailer.length !== TRAILER_BYTES || trailer[0] !== TAG.OCTET_STRING || trailer[1] !== GCM_TAG_BYTES) {
        throw new PackageFailure('malformed', `${what}: the MAC must be a 16-byte OCTET STRING`);
      }
      decipher.setAuthTag(trailer.subarray(2));
      try {
        decipher.final();
      } catch {
        throw new PackageFailure('tampered', `${what}: GCM authentication tag does not match`);
      }
    },
  };
}

/** Decrypts a small AuthEnvelopedData held in memory (the manifest). */
export function openEnvelope(data: Buffer, ours: { cert: CertificateInfo; key: KeyObject }, what: string): Buffer {
  const header = parseEnvelopeHeader(data, data.length, what);
  const reader = openEnvelopeReader(header, ours, what);
  const contentEnd = header.contentOffset + header.contentLength;
  const plaintext = reader.update(data.subarray(header.contentOffset, contentEnd));
  reader.final(data.subarray(contentEnd));
  return plaintext;
}
