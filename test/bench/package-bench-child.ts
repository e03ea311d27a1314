import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { inputFromBuffer, inputFromFile } from '../../main/crypto/payload/inputs';
import { tarStream, type NamedInput } from '../../main/crypto/payload/tar';

/**
 * One measured operation of package-bench.ts, in its own process (compiled to JavaScript, so
 * its peak memory is Steward's alone). Prints {"innerSeconds", "innerCpuSeconds"} for the timed part.
 * Each mode loads only the modules it uses, as the openssl commands it is compared with load
 * only theirs: creating does not start by loading the reader and the identity code.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- require() here is the lazy load; import() would be ESM under NodeNext
const lazy = <M>(path: string): M => require(path) as M;
const NOW = new Date('2026-09-15T12:00:00Z');
const [mode, dir, arg] = process.argv.slice(2) as [string, string, string | undefined];

async function payloadFiles(d: string): Promise<NamedInput[]> {
  return [
    await inputFromFile('records.csv', join(d, 'records.csv')),
    inputFromBuffer('dictionary.json', '[]\n'),
    inputFromBuffer('revocations.json', '[]\n'),
    inputFromBuffer('notice.txt', 'Do not redisclose.\n'),
  ];
}

const pem = (name: string) => readFileSync(join(dir, name), 'utf8');

async function main(): Promise<void> {
  if (mode === 'identities') {
    const { createDistrictSigningIdentity, createPartnerEncryptionIdentity } = lazy<typeof import('../../main/crypto/identity')>('../../main/crypto/identity');
    const d = createDistrictSigningIdentity({ organization: 'Bench District', now: new Date('2026-01-01T00:00:00Z') });
    const p = createPartnerEncryptionIdentity({ organization: 'Bench Partner', now: new Date('2026-01-01T00:00:00Z') });
    writeFileSync(join(dir, 'district.pem'), d.certPem);
    writeFileSync(join(dir, 'district.key'), d.keyPem);
    writeFileSync(join(dir, 'partner.pem'), p.certPem);
    writeFileSync(join(dir, 'partner.key'), p.keyPem);
    return;
  }
  if (mode === 'tar') {
    await pipeline(Readable.from(tarStream(await payloadFiles(dir), NOW)), createWriteStream(join(dir, 'payload.tar')));
    return;
  }
  if (mode === 'create') {
    const { writePackage } = lazy<typeof import('../../main/crypto/package-writer')>('../../main/crypto/package-writer');
    await timed(async () => {
      const written = await writePackage({
        outPath: join(dir, 'pkg.sdx'),
        manifest: {
          identity: { packageId: '5f0c6a3e-1b2d-4c8e-9a7b-000000000001', sequence: 1, previousPackageSha256: null },
          agreement: { id: 'agr-bench', version: 1, documentSha256: 'cd'.repeat(32), endsOn: '2027-06-30' },
          parties: { district: { id: 'district-1' }, partner: { id: 'partner-1' }, role: 'tutor', purpose: 'Benchmark', legalBasis: 'school-official' },
          dataset: { fields: ['student.localId', 'student.firstName', 'student.lastName', 'student.grade', 'student.school'], recordCount: Number(arg), schemaVersion: 1 },
          time: { created: '2026-09-15T12:00:00Z', expires: '2026-10-15T12:00:00Z', destroyBy: '2027-07-31' },
        },
        files: await payloadFiles(dir),
        signer: { certPem: pem('district.pem'), keyPem: pem('district.key') },
        recipientCertPem: pem('partner.pem'),
        now: NOW,
      });
      writeFileSync(join(dir, 'written.json'), JSON.stringify(written.manifest));
    });
  } else if (mode === 'open') {
    const { openPackage } = lazy<typeof import('../../main/crypto/package-reader')>('../../main/crypto/package-reader');
    const { freshReaderState } = lazy<typeof import('../../main/crypto/package/state')>('../../main/crypto/package/state');
    await timed(() =>
      openPackage({
        file: join(dir, 'pkg.sdx'),
        recipient: { certPem: pem('partner.pem'), keyPem: pem('partner.key') },
        state: freshReaderState([pem('district.pem')]),
        now: NOW,
        outDir: join(dir, 'opened'),
      }),
    );
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

/** Runs the measured operation (its modules already loaded, as in the running app) and prints its time. */
async function timed(operation: () => Promise<unknown>): Promise<void> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await operation();
  const cpu = process.cpuUsage(cpu0);
  process.stdout.write(JSON.stringify({ innerSeconds: (performance.now() - t0) / 1000, innerCpuSeconds: (cpu.user + cpu.system) / 1e6 }) + '\n');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
