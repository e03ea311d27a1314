import { PackageFailure } from './package-failure';

/**
 * A strict DER reader of our own for untrusted input (PACKAGE-FORMAT.md: untrusted input is
 * checked by our code, not by forge). Only what DER allows: low tag numbers, definite and
 * minimal lengths (no BER indefinite lengths), lengths that fit the buffer. Elements are
 * views into the input, so a signature can be checked over the exact bytes received.
 */
export interface DerElement {
  /** The identifier octet, e.g. 0x30 SEQUENCE, 0xa0 [0] constructed. */
  tag: number;
  /** Offset of the identifier octet in `buf`. */
  start: number;
  headerLength: number;
  length: number;
  buf: Buffer;
}

export const TAG = {
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
  CTX0: 0xa0,
  CTX1: 0xa1,
  CTX2: 0xa2,
  CTX3: 0xa3,
  CTX0_PRIMITIVE: 0x80,
} as const;

/** Lengths beyond 4 GiB are never legitimate in a package. */
const MAX_LENGTH_OCTETS = 4;

/**
 * Reads one element's identifier and length at `offset`. The contents need not be in `buf`
 * (streamed parts are parsed from a prefix); `readElement` insists they are.
 */
export function readHeader(buf: Buffer, offset: number, what: string): DerElement {
  if (offset + 2 > buf.length) throw new PackageFailure('truncated', `${what}: ends before its header`);
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new PackageFailure('malformed', `${what}: high tag numbers are not used`);
  const first = buf[offset + 1] as number;
  if (first < 0x80) return { tag, start: offset, headerLength: 2, length: first, buf };
  const n = first & 0x7f;
  if (n === 0) throw new PackageFailure('malformed', `${what}: indefinite length (BER) is not DER`);
  if (n > MAX_LENGTH_OCTETS) throw new PackageFailure('malformed', `${what}: length is too large`);
  if (offset + 2 + n > buf.length) throw new PackageFailure('truncated', `${what}: ends inside its length`);
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + (buf[offset + 2 + i] as number);
  if (buf[offset + 2] === 0 || length < 0x80 || (n > 1 && length < 256 ** (n - 1))) {
    throw new PackageFailure('malformed', `${what}: length is not minimally encoded (not DER)`);
  }
  return { tag, start: offset, headerLength: 2 + n, length, buf };
}

/** Reads one whole element whose contents must lie inside `buf` (and inside `limit`). */
export function readElement(buf: Buffer, offset: number, what: string, limit = buf.length): DerElement {
  const el = readHeader(buf, offset, what);
  if (end(el) > limit) throw new PackageFailure('truncated', `${what}: ends early`);
  return el;
}

export function end(el: DerElement): number {
  return el.start + el.headerLength + el.length;
}

export function contents(el: DerElement): Buffer {
  return el.buf.subarray(el.start + el.headerLength, end(el));
}

/** The element's full encoding (identifier, length and contents). */
export function raw(el: DerElement): Buffer {
  return el.buf.subarray(el.start, end(el));
}

/**
 * Parses a complete DER value that must fill `buf` exactly: bytes after it are rejected as
 * trailing bytes (PACKAGE-FORMAT.md), fewer bytes than it claims as truncation.
 */
export function readWhole(buf: Buffer, what: string, expectedTag: number): DerElement {
  const el = readHeader(buf, 0, what);
  if (end(el) > buf.length) throw new PackageFailure('truncated', `${what}: ends early`);
  if (end(el) < buf.length) throw new PackageFailure('trailing-bytes', `${what}: ${buf.length - end(el)} bytes after its end`);
  expectTag(el, expectedTag, what);
  return el;
}

export function expectTag(el: DerElement, tag: number, what: string): DerElement {
  if (el.tag !== tag) throw new PackageFailure('malformed', `${what}: expected tag 0x${tag.toString(16)}, found 0x${el.tag.toString(16)}`);
  return el;
}

/** The children of a constructed element; they must fill it exactly. */
export function children(el: DerElement, what: string, max = 64): DerElement[] {
  if ((el.tag & 0x20) === 0) throw new PackageFailure('malformed', `${what}: expected a constructed value`);
  const out: DerElement[] = [];
  let at = el.start + el.headerLength;
  const stop = end(el);
  while (at < stop) {
    if (out.length >= max) throw new PackageFailure('malformed', `${what}: more than ${max} items`);
    const child = readElement(el.buf, at, what, stop);
    out.push(child);
    at = end(child);
  }
  return out;
}

/** Children with an exact expected shape: the count must match (optional trailing ones aside). */
export function sequence(el: DerElement, what: string, min: number, max = min): DerElement[] {
  expectTag(el, TAG.SEQUENCE, what);
  const items = children(el, what, max);
  if (items.length < min) throw new PackageFailure('malformed', `${what}: expected at least ${min} items, found ${items.length}`);
  return items;
}

/** Dotted-decimal OID text from an OBJECT IDENTIFIER element. */
export function oid(el: DerElement, what: string): string {
  expectTag(el, TAG.OID, what);
  const bytes = contents(el);
  if (bytes.length === 0 || bytes.length > 64 || ((bytes[bytes.length - 1] as number) & 0x80) !== 0) {
    throw new PackageFailure('malformed', `${what}: bad object identifier`);
  }
  const arcs: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (value === 0 && b === 0x80) throw new PackageFailure('malformed', `${what}: object identifier not minimally encoded`);
    value = value * 128 + (b & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new PackageFailure('malformed', `${what}: object identifier arc too large`);
    if ((b & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const first = arcs[0] as number;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join('.');
}

/** A small non-negative INTEGER (versions, tag lengths). */
export function smallInt(el: DerElement, what: string): number {
  expectTag(el, TAG.INTEGER, what);
  const bytes = contents(el);
  if (bytes.length === 0 || bytes.length > 4) throw new PackageFailure('malformed', `${what}: bad integer`);
  if (bytes.length > 1 && bytes[0] === 0 && ((bytes[1] as number) & 0x80) === 0) throw new PackageFailure('malformed', `${what}: integer not minimally encoded`);
  if (((bytes[0] as number) & 0x80) !== 0) throw new PackageFailure('malformed', `${what}: negative integer`);
  return bytes.reduce((v, b) => v * 256 + b, 0);
}

export function octets(el: DerElement, what: string): Buffer {
  expectTag(el, TAG.OCTET_STRING, what);
  return contents(el);
}

/** The identifier and length octets of a definite-length DER element (for the streaming writer). */
export function derHeader(tag: number, length: number): Buffer {
  if (length < 0x80) return Buffer.from([tag, length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  if (bytes.length > MAX_LENGTH_OCTETS) throw new Error('derHeader: length too large');
  return Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
}
