import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isStewardError } from '../../../shared/api/result';
import { createDistrictSigningIdentity, createPartnerEncryptionIdentity, type Identity } from '../../../main/crypto/identity';
import { writePackage, type WritePackageInput } from '../../../main/crypto/package-writer';
import { packageFileName } from '../../../main/crypto/package/rules';
import { inputFromFile } from '../../../main/crypto/payload/inputs';
import { manifestInput, NOW, payloadFiles, sampleRecords, workDir } from './helpers/fixtures';

let district: Identity;
let partner: Identity;
let dir: string;
let cleanup: () => void;
beforeAll(() => {
  district = createDistrictSigningIdentity({ organization: 'Springfield Public Schools', now: new Date('2026-01-01T00:00:00Z') });
  partner = createPartnerEncryptionIdentity({ organization: 'Bright Futures', now: new Date('2026-01-01T00:00:00Z') });
  ({ dir, cleanup } = workDir());
});
afterAll(() => cleanup());

const input = (name: string, over: Partial<WritePackageInput> = {}): WritePackageInput => ({
  outPath: join(dir, name),
  manifest: manifestInput({ recordCount: 5 }),
  files: payloadFiles(sampleRecords(5)),
  signer: district,
  recipientCertPem: partner.certPem,
  now: NOW,
  chunkBytes: 512,
  ...over,
});

async function refusal(i: WritePackageInput): Promise<{ code: string; message: string }> {
  const e = await writePackage(i).then(() => undefined, (err: unknown) => err);
  if (!isStewardError(e)) throw new Error(`expected a StewardError, got ${String(e)}`);
  return { code: e.code, message: e.message };
}

const leftovers = () => readdirSync(dir).filter((f) => f.includes('.partial-'));

describe('package writer refuses to write a package the reader would refuse', () => {
  it('refuses payload files other than the four, in order', async () => {
    const files = payloadFiles(sampleRecords(5)).reverse();
    expect((await refusal(input('order.sdx', { files }))).code).toBe('BAD_INPUT');
  });

  it('refuses a manifest whose import deadline is after the agreement ends, before writing anything', async () => {
    const manifest = manifestInput({ recordCount: 5 });
    manifest.time.expires = '2027-07-01T00:00:00Z';
    expect(await refusal(input('late.sdx', { manifest }))).toEqual({
      code: 'BAD_INPUT',
      message: 'The package manifest is not valid: time.expires must not be after the agreement ends (agreement.endsOn).',
    });
    expect(readdirSync(dir)).not.toContain('late.sdx');
  });

  it('refuses when records.csv columns differ from the manifest fields, and leaves no file behind', async () => {
    const r = await refusal(input('columns.sdx', { manifest: manifestInput({ recordCount: 5, fields: ['student.localId', 'student.firstName'] }) }));
    expect(r.message).toBe('records.csv columns differ from the fields the manifest lists; the package was not written.');
    expect(readdirSync(dir)).not.toContain('columns.sdx');
    expect(leftovers()).toEqual([]);
  });

  it('checks the header of a records.csv read from disk too, and leaves no file behind', async () => {
    const path = join(dir, 'two-columns.csv');
    writeFileSync(path, 'student.localId,student.firstName\r\nS1,Ann\r\n');
    const files = [await inputFromFile('records.csv', path), ...payloadFiles('').slice(1)];
    expect((await refusal(input('disk-columns.sdx', { files }))).message).toBe('records.csv columns differ from the fields the manifest lists; the package was not written.');
    expect(leftovers()).toEqual([]);
  });

  it('refuses to overwrite an existing file', async () => {
    writeFileSync(join(dir, 'exists.sdx'), 'x');
    expect((await refusal(input('exists.sdx'))).code).toBe('CONFLICT');
  });
});

describe('package file name', () => {
  it('is <agreement>_<packageId>.sdx with the agreement id made safe for file systems', () => {
    expect(packageFileName('agr-1', '5f0c6a3e-1b2d-4c8e-9a7b-000000000001')).toBe('agr-1_5f0c6a3e-1b2d-4c8e-9a7b-000000000001.sdx');
    expect(packageFileName('../Tutoring: 2026/27', 'id')).toBe('Tutoring-2026-27_id.sdx');
  });
});
