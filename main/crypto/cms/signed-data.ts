import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { algorithm, der, type Asn1 } from '../asn1-build';
import { issuerAndSerial, namesCertificate, type CertificateInfo } from '../certificate';
import { children, contents, expectTag, octets, oid, raw, readWhole, sequence, smallInt, TAG, type DerElement } from '../der';
import { OID } from '../oids';
import { PackageFailure } from '../package-failure';
import { checkDigestAlgorithm, checkSignatureAlgorithm, contentInfo } from './algorithms';

/**
 * CMS SignedData (RFC 5652) as SDX/1 uses it: one signer named by issuerAndSerialNumber,
 * SHA-256, signed attributes contentType + messageDigest + signingTime, RSA PKCS#1 v1.5
 * signature made and checked by Node's crypto, the signer certificate included, content
 * encapsulated (what `openssl cms -verify` without -content expects).
 */

export interface Signer {
  cert: CertificateInfo;
  key: KeyObject;
}

/** DER ContentInfo(SignedData) over `content`. `signingTime` comes from the caller's clock. */
export function signContent(content: Buffer, signer: Signer, signingTime: Date): Buffer {
  const digest = createHash('sha256').update(content).digest();
  const attribute = (type: string, value: Asn1) => der.seq([der.oid(type), der.set([value])]);
  // A SET OF is DER only with its elements sorted by encoding; OpenSSL re-encodes before verifying.
  const attributes = [
    attribute(OID.contentType, der.oid(OID.data)),
    attribute(OID.signingTime, der.utcTime(signingTime)),
    attribute(OID.messageDigest, der.octets(digest)),
  ]
    .map((node) => ({ node, bytes: der.toBuffer(node) }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes))
    .map((a) => a.node);
  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] they travel in.
  const signature = sign('sha256', der.toBuffer(der.set(attributes)), signer.key);
  const signerInfo = der.seq([
    der.int(1),
    der.seq([der.fromDer(signer.cert.issuer), der.intBytes(signer.cert.serial)]),
    algorithm(OID.sha256),
    der.ctx(0, attributes),
    algorithm(OID.sha256WithRSAEncryption, der.null()),
    der.octets(signature),
  ]);
  const certificate = der.fromDer(signer.cert.der);
  const signedData = der.seq([
    der.int(1),
    der.set([algorithm(OID.sha256)]),
    der.seq([der.oid(OID.data), der.ctx(0, [der.octets(content)])]),
    der.ctx(0, [certificate]),
    der.set([signerInfo]),
  ]);
  return der.toBuffer(der.seq([der.oid(OID.signedData), der.ctx(0, [signedData])]));
}

export interface VerifiedContent {
  content: Buffer;
  signer: CertificateInfo;
  signingTime: Date;
}

export interface VerifyOptions {
  /** Certificates trusted to sign (the pinned district certificate). */
  trusted: readonly CertificateInfo[];
  /** Refuse content larger than this before hashing it (the manifest cap). */
  maxContentBytes: number;
  what: string;
}

/**
 * Parses and verifies untrusted SignedData. Structure and algorithms first (downgrade), then
 * who signed: a signer not among the trusted certificates is untrusted-signer; one with a
 * trusted issuer and serial but another certificate (another key) is signer-key-mismatch;
 * then the digest and the signature with the trusted key (bad-signature).
 */
export function verifySignedContent(data: Buffer, opts: VerifyOptions): VerifiedContent {
  const { what } = opts;
  const ci = contentInfo(readWhole(data, what, TAG.SEQUENCE), what);
  if (ci.type !== OID.signedData) throw new PackageFailure('malformed', `${what}: content type ${ci.type} is not SignedData`);
  const sd = sequence(ci.content, `${what} SignedData`, 4, 6);
  if (smallInt(sd[0]!, `${what} version`) !== 1) throw new PackageFailure('malformed', `${what}: SignedData version must be 1`);
  const digestAlgorithms = children(expectTag(sd[1]!, TAG.SET, `${what} digest algorithms`), `${what} digest algorithms`, 4);
  if (digestAlgorithms.length !== 1) throw new PackageFailure('malformed', `${what}: exactly one digest algorithm`);
  checkDigestAlgorithm(digestAlgorithms[0]!, `${what} digest algorithm`);
  const content = encapsulatedContent(sd[2]!, opts);
  let at = 3;
  const certificates = sd[at]?.tag === TAG.CTX0 ? children(sd[at++]!, `${what} certificates`, 4) : [];
  if (sd[at]?.tag === TAG.CTX1) throw new PackageFailure('malformed', `${what}: CRLs are not used`);
  const signerInfos = children(expectTag(sd[at]!, TAG.SET, `${what} signer infos`), `${what} signer infos`, 2);
  if (at !== sd.length - 1 || signerInfos.length !== 1) throw new PackageFailure('malformed', `${what}: exactly one signer`);
  const si = parseSignerInfo(signerInfos[0]!, `${what} signer`);

  const trusted = opts.trusted.find((t) => namesCertificate(si.issuer, si.serial, t));
  if (!trusted) throw new PackageFailure('untrusted-signer', `${what}: signer is not a trusted certificate`);
  if (certificates.length === 0) throw new PackageFailure('malformed', `${what}: the signer certificate is not included`);
  const included = certificates.find((c) => raw(c).equals(trusted.der));
  if (!included) throw new PackageFailure('signer-key-mismatch', `${what}: the included certificate differs from the trusted one with the same issuer and serial`);
  if (!si.messageDigest.equals(createHash('sha256').update(content).digest())) {
    throw new PackageFailure('bad-signature', `${what}: message digest does not match the content`);
  }
  if (!verify('sha256', si.signedBytes, trusted.publicKey, si.signature)) {
    throw new PackageFailure('bad-signature', `${what}: signature does not verify`);
  }
  return { content: Buffer.from(content), signer: trusted, signingTime: si.signingTime };
}

function encapsulatedContent(el: DerElement, opts: VerifyOptions): Buffer {
  const what = `${opts.what} encapsulated content`;
  const [type, wrapped] = sequence(el, what, 1, 2);
  if (oid(type!, what) !== OID.data) throw new PackageFailure('malformed', `${what}: must be data`);
  if (!wrapped) throw new PackageFailure('malformed', `${what}: detached signatures are not used`);
  const inner = children(expectTag(wrapped, TAG.CTX0, what), what, 1);
  if (inner.length !== 1) throw new PackageFailure('malformed', `${what}: one OCTET STRING`);
  const content = octets(inner[0]!, what);
  if (content.length > opts.maxContentBytes) throw new PackageFailure('manifest-too-large', `${what}: ${content.length} bytes`);
  return content;
}

interface ParsedSignerInfo {
  issuer: Buffer;
  serial: Buffer;
  messageDigest: Buffer;
  signingTime: Date;
  signedBytes: Buffer;
  signature: Buffer;
}

const REQUIRED_ATTRIBUTES = [OID.contentType, OID.messageDigest, OID.signingTime];

function parseSignerInfo(el: DerElement, what: string): ParsedSignerInfo {
  const items = sequence(el, what, 5, 7);
  if (smallInt(items[0]!, `${what} version`) !== 1) throw new PackageFailure('malformed', `${what}: signer must be named by issuer and serial number`);
  const { issuer, serial } = issuerAndSerial(items[1]!, `${what} id`);
  checkDigestAlgorithm(items[2]!, `${what} digest algorithm`);
  if (items[3]!.tag !== TAG.CTX0) throw new PackageFailure('downgrade', `${what}: signed attributes are missing`);
  if (items.length !== 6) throw new PackageFailure('malformed', `${what}: unsigned attributes are not used`);
  checkSignatureAlgorithm(items[4]!, `${what} signature algorithm`);
  const signature = Buffer.from(octets(items[5]!, `${what} signature`));

  const values = new Map<string, DerElement>();
  for (const attr of children(items[3]!, `${what} signed attributes`, 8)) {
    const [type, set] = sequence(attr, `${what} attribute`, 2, 2);
    const name = oid(type!, `${what} attribute type`);
    const vals = children(expectTag(set!, TAG.SET, `${what} attribute values`), `${what} attribute values`, 1);
    if (values.has(name) || vals.length !== 1) throw new PackageFailure('malformed', `${what}: attribute ${name} must appear once with one value`);
    if (!REQUIRED_ATTRIBUTES.includes(name as (typeof REQUIRED_ATTRIBUTES)[number]) && name !== OID.smimeCapabilities) {
      throw new PackageFailure('malformed', `${what}: unexpected signed attribute ${name}`);
    }
    values.set(name, vals[0]!);
  }
  for (const required of REQUIRED_ATTRIBUTES) {
    if (!values.has(required)) throw new PackageFailure('downgrade', `${what}: signed attribute ${required} is missing`);
  }
  if (oid(values.get(OID.contentType)!, `${what} contentType`) !== OID.data) throw new PackageFailure('malformed', `${what}: contentType attribute must be data`);
  const messageDigest = Buffer.from(octets(values.get(OID.messageDigest)!, `${what} messageDigest`));
  if (messageDigest.length !== 32) throw new PackageFailure('downgrade', `${what}: message digest is not SHA-256`);
  const signedBytes = Buffer.from(raw(items[3]!));
  signedBytes[0] = TAG.SET;
  return { issuer, serial, messageDigest, signingTime: parseTime(values.get(OID.signingTime)!, `${what} signingTime`), signedBytes, signature };
}

/** UTCTime (YYMMDDHHMMSSZ) or GeneralizedTime (YYYYMMDDHHMMSSZ), as DER requires them. */
function parseTime(el: DerElement, what: string): Date {
  const text = contents(el).toString('latin1');
  const m =
    el.tag === TAG.UTC_TIME ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : el.tag === TAG.GENERALIZED_TIME ? /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : null;
  if (!m) throw new PackageFailure('malformed', `${what}: not a DER time`);
  const year = el.tag === TAG.UTC_TIME ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
  const d = new Date(Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
  if (Number.isNaN(d.getTime())) throw new PackageFailure('malformed', `${what}: not a valid time`);
  return d;
}
