import type forge from 'node-forge';

/**
 * Building small DER structures with forge.asn1 (PACKAGE-FORMAT.md: forge builds the small
 * ASN.1 structures; it never parses untrusted input and never does the cryptography).
 * Only forge's ASN.1 module is loaded: all of forge takes ~100 ms to load, which a package
 * export made from a fresh process (the CLI) would pay for nothing.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a deep path @types/node-forge does not declare; it exports forge.asn1
const asn1 = require('node-forge/lib/asn1') as typeof forge.asn1;
export type Asn1 = forge.asn1.Asn1;

const bin = (b: Buffer) => b.toString('binary');
// forge accepts an options object here; @types/node-forge only knows the old boolean form.
const fromDerStrict = asn1.fromDer as unknown as (bytes: string, options: { strict: boolean; parseAllBytes: boolean; decodeBitStrings: boolean }) => Asn1;

export const der = {
  seq: (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items),
  set: (items: Asn1[]): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items),
  oid: (dotted: string): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(dotted).getBytes()),
  int: (n: number): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(n).getBytes()),
  /** An INTEGER from its DER content bytes (a certificate serial number as the certificate holds it). */
  intBytes: (content: Buffer): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, bin(content)),
  octets: (b: Buffer): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bin(b)),
  null: (): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
  utcTime: (d: Date): Asn1 => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTCTIME, false, asn1.dateToUtcTime(d)),
  /** [n] EXPLICIT / constructed context tag around items. */
  ctx: (n: number, items: Asn1[]): Asn1 => asn1.create(asn1.Class.CONTEXT_SPECIFIC, n, true, items),
  /** Already-encoded DER, embedded as is (a certificate, an issuer Name). */
  fromDer: (b: Buffer): Asn1 => fromDerStrict(bin(b), { strict: true, parseAllBytes: true, decodeBitStrings: false }),
  toBuffer: (node: Asn1): Buffer => Buffer.from(asn1.toDer(node).getBytes(), 'binary'),
};

/** AlgorithmIdentifier with absent parameters (SHA-256 as OpenSSL writes it in CMS). */
export function algorithm(oid: string, params?: Asn1): Asn1 {
  return der.seq(params ? [der.oid(oid), params] : [der.oid(oid)]);
}
