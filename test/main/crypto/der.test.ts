import { describe, expect, it } from 'vitest';
import { children, derHeader, oid, readElement, readWhole, TAG } from '../../../main/crypto/der';
import { PackageFailure } from '../../../main/crypto/package-failure';

function failure(f: () => unknown): [string, string] {
  try {
    f();
  } catch (e) {
    if (e instanceof PackageFailure) return [e.reason, e.detail];
    throw e;
  }
  throw new Error('expected a PackageFailure');
}

describe('strict DER reader', () => {
  it('reads definite, minimal lengths and nested children', () => {
    const der = Buffer.from('3006020101020102', 'hex');
    const items = children(readWhole(der, 'x', TAG.SEQUENCE), 'x');
    expect(items.map((i) => i.buf[i.start + 2])).toEqual([1, 2]);
  });

  it('refuses BER indefinite lengths, non-minimal lengths and high tag numbers', () => {
    expect(failure(() => readElement(Buffer.from('3080020101 0000'.replace(/ /g, ''), 'hex'), 0, 'x'))).toEqual(['malformed', 'x: indefinite length (BER) is not DER']);
    expect(failure(() => readElement(Buffer.from('30810102 01'.replace(/ /g, ''), 'hex'), 0, 'x'))[1]).toMatch(/not minimally encoded/);
    expect(failure(() => readElement(Buffer.from('3082000102', 'hex'), 0, 'x'))[1]).toMatch(/not minimally encoded/);
    expect(failure(() => readElement(Buffer.from('1f0100', 'hex'), 0, 'x'))[1]).toMatch(/high tag/);
  });

  it('tells truncation from trailing bytes', () => {
    expect(failure(() => readWhole(Buffer.from('300602010102', 'hex'), 'x', TAG.SEQUENCE))[0]).toBe('truncated');
    expect(failure(() => readWhole(Buffer.from('30030201010000', 'hex'), 'x', TAG.SEQUENCE))).toEqual(['trailing-bytes', 'x: 2 bytes after its end']);
  });

  it('refuses children that do not fill their parent exactly', () => {
    expect(failure(() => children(readWhole(Buffer.from('3004020101ff', 'hex'), 'x', TAG.SEQUENCE), 'x'))[0]).toBe('truncated');
  });

  it('decodes object identifiers', () => {
    expect(oid(readElement(Buffer.from('0609608648016503040201', 'hex'), 0, 'o'), 'o')).toBe('2.16.840.1.101.3.4.2.1');
    expect(oid(readElement(Buffer.from('06092a864886f70d010701', 'hex'), 0, 'o'), 'o')).toBe('1.2.840.113549.1.7.1');
  });

  it('writes headers for every length form', () => {
    expect(derHeader(0x30, 5).toString('hex')).toBe('3005');
    expect(derHeader(0x30, 200).toString('hex')).toBe('3081c8');
    expect(derHeader(0x80, 70_000).toString('hex')).toBe('8083011170');
  });
});
