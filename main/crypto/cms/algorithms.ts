import { children, expectTag, octets, oid, sequence, smallInt, TAG, type DerElement } from '../der';
import { OID } from '../oids';
import { PackageFailure } from '../package-failure';

/**
 * The algorithm allow-list of SDX/1, checked on every AlgorithmIdentifier received: exactly
 * AES-256-GCM (12-byte nonce, 16-byte tag), RSAES-OAEP with SHA-256 and MGF1-SHA-256, SHA-256,
 * and RSA PKCS#1 v1.5 signatures with SHA-256. Anything else is a downgrade, never "probably fine".
 */

export const GCM_NONCE_BYTES = 12;
export const GCM_TAG_BYTES = 16;

function downgrade(what: string, found: string): never {
  throw new PackageFailure('downgrade', `${what}: ${found} is not allowed`);
}

/** Parameters must be absent or NULL (RFC 4055/5754 allow both for SHA-256 and RSA). */
function expectNoParams(items: DerElement[], what: string): void {
  if (items.length === 1) return;
  if (items.length === 2 && items[1]!.tag === TAG.NULL && items[1]!.length === 0) return;
  throw new PackageFailure('malformed', `${what}: unexpected parameters`);
}

/** SHA-256 digest AlgorithmIdentifier. */
export function checkDigestAlgorithm(el: DerElement, what: string): void {
  const items = sequence(el, what, 1, 2);
  const found = oid(items[0]!, what);
  if (found !== OID.sha256) downgrade(what, found);
  expectNoParams(items, what);
}

/** RSA PKCS#1 v1.5 signature with SHA-256 (rsaEncryption as OpenSSL writes, or sha256WithRSAEncryption). */
export function checkSignatureAlgorithm(el: DerElement, what: string): void {
  const items = sequence(el, what, 1, 2);
  const found = oid(items[0]!, what);
  if (found !== OID.rsaEncryption && found !== OID.sha256WithRSAEncryption) downgrade(what, found);
  expectNoParams(items, what);
}

/** AES-256-GCM with GCMParameters { nonce 12 bytes, icvLen 16 }. Returns the nonce. */
export function checkContentEncryptionAlgorithm(el: DerElement, what: string): Buffer {
  const items = sequence(el, what, 1, 2);
  const found = oid(items[0]!, what);
  if (found !== OID.aes256Gcm) downgrade(what, found);
  if (items.length !== 2) throw new PackageFailure('malformed', `${what}: GCM parameters missing`);
  const params = sequence(items[1]!, `${what} parameters`, 1, 2);
  const nonce = octets(params[0]!, `${what} nonce`);
  if (nonce.length !== GCM_NONCE_BYTES) downgrade(`${what} nonce`, `${nonce.length} bytes`);
  // icvLen DEFAULT 12 is omitted in DER when 12: a 12-byte tag is weaker than ours.
  const tagLength = params[1] ? smallInt(params[1], `${what} tag length`) : 12;
  if (tagLength !== GCM_TAG_BYTES) downgrade(`${what} tag length`, `${tagLength} bytes`);
  return Buffer.from(nonce);
}

/** RSAES-OAEP with hashFunc SHA-256, maskGenFunc MGF1(SHA-256), default pSourceFunc. */
export function checkKeyTransportAlgorithm(el: DerElement, what: string): void {
  const items = sequence(el, what, 1, 2);
  const found = oid(items[0]!, what);
  if (found !== OID.rsaesOaep) downgrade(what, found === OID.rsaEncryption ? 'RSA PKCS#1 v1.5 key transport' : found);
  // Absent or empty parameters mean the defaults: SHA-1 and MGF1-SHA-1.
  if (items.length === 1) downgrade(what, 'RSAES-OAEP with SHA-1 (default parameters)');
  const params = sequence(items[1]!, `${what} parameters`, 0, 3);
  const hash = params.find((p) => p.tag === TAG.CTX0);
  const mgf = params.find((p) => p.tag === TAG.CTX1);
  if (params.some((p) => p.tag !== TAG.CTX0 && p.tag !== TAG.CTX1)) {
    throw new PackageFailure('malformed', `${what}: only the default OAEP label is accepted`);
  }
  if (!hash) downgrade(`${what} hash`, 'SHA-1 (default)');
  checkDigestAlgorithm(only(hash, `${what} hash`), `${what} hash`);
  if (!mgf) downgrade(`${what} mask generation`, 'MGF1-SHA-1 (default)');
  const mgfItems = sequence(only(mgf, `${what} mask generation`), `${what} mask generation`, 2, 2);
  const mgfOid = oid(mgfItems[0]!, `${what} mask generation`);
  if (mgfOid !== OID.mgf1) downgrade(`${what} mask generation`, mgfOid);
  checkDigestAlgorithm(mgfItems[1]!, `${what} MGF1 hash`);
}

/** The single element inside an EXPLICIT context tag. */
function only(el: DerElement, what: string): DerElement {
  const inner = children(el, what, 1);
  if (inner.length !== 1) throw new PackageFailure('malformed', `${what}: expected one value`);
  return inner[0]!;
}

/** The content type OID of a ContentInfo and its [0] EXPLICIT content. */
export function contentInfo(el: DerElement, what: string): { type: string; content: DerElement } {
  const [type, wrapped] = sequence(el, what, 2, 2);
  const inner = only(expectTag(wrapped!, TAG.CTX0, `${what} content`), `${what} content`);
  return { type: oid(type!, `${what} type`), content: inner };
}
