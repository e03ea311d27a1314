import { createHash, createHmac, createPrivateKey, randomBytes, timingSafeEqual } from 'node:crypto';
import forge from 'node-forge';
import { StewardError } from '../../shared/api/result';
import { algorithm, der } from './asn1-build';
import { children, octets, oid, readWhole, sequence, smallInt, TAG, expectTag } from './der';
import { keyMatchesCertificate, type Identity } from './identity';
import { OID } from './oids';
import { PackageFailure } from './package-failure';

/**
 * PKCS#12 (.p12) export and import of an identity, protected by a passphrase.
 *
 * forge builds the PFX: the private key in a pkcs8ShroudedKeyBag encrypted with PBES2
 * (PBKDF2-HMAC-SHA256, AES-256-CBC), the certificate in a plain certBag. forge can only write
 * an HMAC-SHA1 integrity MAC, so we leave it out and add the MAC ourselves with HMAC-SHA256
 * and the RFC 7292 appendix B key derivation (what OpenSSL 3 writes by default). On import we
 * check that MAC ourselves too (SHA-256, or SHA-1 for files from older tools), then let forge
 * decrypt the bags.
 *
 * Passphrases: the MAC key is derived from the passphrase as UTF-16 (BMPString) and the PBES2 key
 * from its UTF-8 bytes, as OpenSSL does, so non-ASCII passphrases open in OpenSSL too.
 */

/** PBKDF2 iterations for the key bag (forge runs HMAC-SHA256 PBKDF2 in JavaScript: ~0.3 s). */
export const PKCS12_KDF_ITERATIONS = 100_000;
/** Iterations of the MAC key derivation (Node's SHA-256: fast), kept as costly as the PBKDF2. */
export const PKCS12_MAC_ITERATIONS = 100_000;
export const MIN_PASSPHRASE_LENGTH = 8;

/** DER bytes of a .p12 file holding the identity's key and certificate. */
export function exportPkcs12(identity: Identity, passphrase: string, friendlyName = 'Steward identity'): Buffer {
  checkPassphrase(passphrase);
  const key = forge.pki.privateKeyFromPem(identity.keyPem);
  const cert = forge.pki.certificateFromPem(identity.certPem);
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [cert], forge.util.encodeUtf8(passphrase), {
    algorithm: 'aes256',
    count: PKCS12_KDF_ITERATIONS,
    saltSize: 16,
    useMac: false,
    friendlyName,
    // forge passes this through to PBES2 (encryptPrivateKeyInfo); its typings do not list it.
    prfAlgorithm: 'sha256',
  } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]);
  const unsigned = der.toBuffer(pfx);
  const authSafe = authSafeContents(unsigned);
  const salt = randomBytes(16);
  const mac = createHmac('sha256', pkcs12MacKey(passphrase, salt, PKCS12_MAC_ITERATIONS, 'sha256')).update(authSafe).digest();
  const macData = der.seq([
    der.seq([algorithm(OID.sha256, der.null()), der.octets(mac)]),
    der.octets(salt),
    der.int(PKCS12_MAC_ITERATIONS),
  ]);
  pfx.value = [...(pfx.value as forge.asn1.Asn1[]), macData];
  return der.toBuffer(pfx);
}

/**
 * Reads a .p12 file back into an identity. A wrong passphrase (or a damaged file) is
 * WRONG_PASSPHRASE; a file that is not PKCS#12 or lacks a matching key and certificate is BAD_INPUT.
 */
export function importPkcs12(file: Buffer, passphrase: string): Identity {
  let authSafe: Buffer;
  let mac: { algorithm: string; digest: Buffer; salt: Buffer; iterations: number };
  try {
    authSafe = authSafeContents(file);
    mac = macDataOf(file);
  } catch {
    throw new StewardError('BAD_INPUT', 'This file is not a PKCS#12 (.p12) identity file.');
  }
  const hash = mac.algorithm === OID.sha256 ? 'sha256' : mac.algorithm === '1.3.14.3.2.26' ? 'sha1' : undefined;
  if (!hash || mac.iterations < 1 || mac.iterations > 10_000_000) {
    throw new StewardError('BAD_INPUT', 'This .p12 file uses an integrity check Steward does not support (use SHA-256).');
  }
  const expected = createHmac(hash, pkcs12MacKey(passphrase, mac.salt, mac.iterations, hash)).update(authSafe).digest();
  if (expected.length !== mac.digest.length || !timingSafeEqual(expected, mac.digest)) {
    throw new StewardError('WRONG_PASSPHRASE', 'The passphrase is wrong, or the .p12 file is damaged.');
  }
  let identity: Identity;
  try {
    const pfxAsn1 = der.fromDer(file);
    // The MAC was checked above with the right passphrase encoding; forge would check it again
    // with the UTF-8 encoding it needs for PBES2, which differs for non-ASCII passphrases.
    pfxAsn1.value = (pfxAsn1.value as forge.asn1.Asn1[]).slice(0, 2);
    const p12 = forge.pkcs12.pkcs12FromAsn1(pfxAsn1, true, forge.util.encodeUtf8(passphrase));
    const keyBag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]?.[0];
    const certBag = p12.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]?.[0];
    if (!keyBag?.key || !certBag?.cert) throw new Error('missing bag');
    const keyPem = createPrivateKey(forge.pki.privateKeyToPem(keyBag.key)).export({ type: 'pkcs8', format: 'pem' }).toString();
    identity = { certPem: forge.pki.certificateToPem(certBag.cert), keyPem };
  } catch {
    throw new StewardError('BAD_INPUT', 'This .p12 file does not hold one RSA private key and its certificate.');
  }
  if (!keyMatchesCertificate(identity)) {
    throw new StewardError('BAD_INPUT', 'The private key in this .p12 file does not belong to its certificate.');
  }
  return identity;
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new StewardError('BAD_INPUT', `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters for the .p12 file.`, { field: 'passphrase' });
  }
}

/** PFX ::= SEQUENCE { version 3, authSafe ContentInfo(data), macData? }: the authSafe octets. */
function authSafeContents(pfx: Buffer): Buffer {
  const [version, authSafe] = sequence(readWhole(pfx, 'PFX', TAG.SEQUENCE), 'PFX', 2, 3);
  if (smallInt(version!, 'PFX version') !== 3) throw new PackageFailure('malformed', 'PFX version');
  const [type, wrapped] = sequence(authSafe!, 'authSafe', 2, 2);
  if (oid(type!, 'authSafe type') !== OID.data) throw new PackageFailure('malformed', 'authSafe must be data');
  const [inner, extra] = children(expectTag(wrapped!, TAG.CTX0, 'authSafe content'), 'authSafe content', 1);
  if (!inner || extra) throw new PackageFailure('malformed', 'authSafe content');
  return Buffer.from(octets(inner!, 'authSafe octets'));
}

function macDataOf(pfx: Buffer): { algorithm: string; digest: Buffer; salt: Buffer; iterations: number } {
  const items = sequence(readWhole(pfx, 'PFX', TAG.SEQUENCE), 'PFX', 3, 3);
  const [digestInfo, salt, iterations] = sequence(items[2]!, 'macData', 2, 3);
  const [alg, digest] = sequence(digestInfo!, 'mac DigestInfo', 2, 2);
  const [algOid] = sequence(alg!, 'mac algorithm', 1, 2);
  return {
    algorithm: oid(algOid!, 'mac algorithm'),
    digest: Buffer.from(octets(digest!, 'mac')),
    salt: Buffer.from(octets(salt!, 'mac salt')),
    iterations: iterations ? smallInt(iterations, 'mac iterations') : 1,
  };
}

/**
 * RFC 7292 appendix B.2 with ID 3 (MAC key): the key is one hash output long, so a single
 * block A = H^c(D || S || P) suffices. Password: UTF-16BE with a two-byte NUL terminator.
 */
export function pkcs12MacKey(passphrase: string, salt: Buffer, iterations: number, hash: 'sha256' | 'sha1'): Buffer {
  const v = 64;
  const pw = Buffer.alloc((passphrase.length + 1) * 2);
  for (let i = 0; i < passphrase.length; i++) pw.writeUInt16BE(passphrase.charCodeAt(i), i * 2);
  const fill = (src: Buffer) => {
    const out = Buffer.alloc(src.length === 0 ? 0 : v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length] as number;
    return out;
  };
  let a = createHash(hash).update(Buffer.alloc(v, 3)).update(fill(salt)).update(fill(pw)).digest();
  for (let i = 1; i < iterations; i++) a = createHash(hash).update(a).digest();
  return a;
}
