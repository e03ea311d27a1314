import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { cacheDir, root } from './lib/paths';
import { measureProcess, statOf, type ProcessTiming } from './lib/measure';
import { benchRow, type BenchRow, type Target } from './lib/table';
import { median } from './lib/stats';
import type { Step } from './lib/step';

/**
 * Package create/open throughput and peak memory, Steward against the OpenSSL CLI on the same
 * bytes (issue 5, PACKAGE-FORMAT.md). Targets at 200 MB: create >= 0.8x openssl's -stream
 * producer, open >= 1.5x openssl's consumer, peak memory < 250 MB for both.
 *
 * Every operation runs in its own process under `/usr/bin/time -v`: "peak memory" is that
 * process's maximum resident set (for the OpenSSL scripts, the largest of their processes).
 * Steward's side runs package-bench-child (compiled JavaScript, as the app runs it).
 * - steward create: writePackage from records.csv on disk (+ 3 small files), 64 MiB parts.
 * - openssl create ("-stream producer"): each 64 MiB slice of the same payload tar piped into
 *   `openssl cms -encrypt -stream` (AES-256-GCM, RSA-OAEP SHA-256), plus `cms -sign` and
 *   `cms -encrypt` of the manifest. No ZIP step: a slightly generous baseline.
 * - steward open: openPackage (every check, files written to a folder).
 * - openssl open ("decrypt then verify"): on the unzipped Steward package, the partner-IT
 *   commands: decrypt + verify the manifest, decrypt every part into payload.bin, sha256sum.
 *   The unzip itself is not timed (again in OpenSSL's favour).
 * The create reference also does less than Steward, on purpose (it is the bar, not a rival
 * implementation): it computes none of the manifest's SHA-256 values (each part's plaintext and
 * ciphertext, the whole payload: three passes over the data, about a third of Steward's CPU), it
 * does not fsync what it wrote (Steward does, before the package gets its name), and dd and
 * openssl run side by side on two cores. Both sides read their input from the page cache.
 */
const KEYOPTS = '-keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 -keyopt rsa_mgf1_md:sha256';
const MIB = 1024 * 1024;
const CHUNK = 64 * MIB;
const TARGET_SIZE = 200;
const PEAK: Target = { kind: 'max', value: 250 };

export function packageStep(sizesMB: number[], runsFor: (sizeMB: number) => number): Step['run'] {
  return async (log) => {
    const child = childScript();
    const work = mkdtempSync(join(tmpdir(), 'steward-package-bench-'));
    const rows: BenchRow[] = [];
    const peaks = { create: [] as number[], open: [] as number[], opensslCreate: [] as number[], opensslOpen: [] as number[] };
    try {
      node(child, ['identities', work]);
      for (const sizeMB of sizesMB) {
        const dir = join(work, `${sizeMB}mb`);
        mkdirSync(dir);
        const records = await writeRecords(join(dir, 'records.csv'), sizeMB * MIB);
        for (const f of ['partner.pem', 'partner.key', 'district.pem', 'district.key']) writeFileSync(join(dir, f), readFileSync(join(work, f)));
        const mb = statSync(join(dir, 'records.csv')).size / MIB;
        const m: Record<'sc' | 'oc' | 'so' | 'oo', ProcessTiming[]> = { sc: [], oc: [], so: [], oo: [] };
        const runs = runsFor(sizeMB);
        for (let r = 0; r < runs; r++) {
          for (const p of ['pkg.sdx', 'pkg', 'ossl', 'opened', 'payload.tar']) rmSync(join(dir, p), { recursive: true, force: true });
          m.sc.push(measureProcess(process.execPath, [child, 'create', dir, String(records)], { cwd: dir }));
          const manifest = JSON.parse(readFileSync(join(dir, 'written.json'), 'utf8')) as { payload: { sha256: string } };
          node(child, ['tar', dir]);
          m.oc.push(measureProcess('bash', ['-c', opensslProducer(statSync(join(dir, 'payload.tar')).size)], { cwd: dir }));
          m.so.push(measureProcess(process.execPath, [child, 'open', dir], { cwd: dir }));
          sh('unzip -q pkg.sdx -d pkg && cp partner.pem partner.key district.pem pkg/', dir);
          const consumer = measureProcess('bash', ['-c', OPENSSL_CONSUMER], { cwd: join(dir, 'pkg') });
          if (!consumer.stdout.startsWith(manifest.payload.sha256)) throw new Error('openssl consumer: payload hash differs from the manifest');
          m.oo.push(consumer);
          const rate = (t: ProcessTiming) => `${(mb / (t.wallMs / 1000)).toFixed(0)} MB/s`;
          log(`  ${sizeMB} MB run ${r + 1}/${runs}: create ${rate(m.sc[r]!)} vs openssl ${rate(m.oc[r]!)}; open ${rate(m.so[r]!)} vs openssl ${rate(m.oo[r]!)}`);
        }
        const gated = sizeMB === TARGET_SIZE;
        const n = `${sizeMB} MB payload (${runs} run${runs > 1 ? 's' : ''})`;
        rows.push(benchRow({ stepId: 'package', step: `package create: ${n}`, unit: 'MB/s', steward: statOf(m.sc, mb), reference: { tool: 'openssl cms -stream', ...statOf(m.oc, mb) }, target: gated ? { kind: 'ratio', value: 0.8 } : null, note: inProcess(m.sc, m.oc, mb) }));
        rows.push(benchRow({ stepId: 'package', step: `package open: ${n}`, unit: 'MB/s', steward: statOf(m.so, mb), reference: { tool: 'openssl decrypt+verify', ...statOf(m.oo, mb) }, target: gated ? { kind: 'ratio', value: 1.5 } : null, note: inProcess(m.so, m.oo, mb) }));
        const peak = (xs: ProcessTiming[]) => Math.max(...xs.map((x) => x.peakMB ?? 0));
        peaks.create.push(peak(m.sc));
        peaks.open.push(peak(m.so));
        peaks.opensslCreate.push(peak(m.oc));
        peaks.opensslOpen.push(peak(m.oo));
        rmSync(dir, { recursive: true, force: true });
      }
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const mem = (xs: number[]) => ({ median: Math.round(Math.max(...xs)), cpuMedian: null, runs: xs.map(Math.round) });
    const sizes = sizesMB.join('/');
    rows.push(benchRow({ stepId: 'package', step: `package create: peak memory, largest at ${sizes} MB`, unit: 'MB', steward: mem(peaks.create), reference: { tool: 'openssl', ...mem(peaks.opensslCreate) }, target: PEAK }));
    rows.push(benchRow({ stepId: 'package', step: `package open: peak memory, largest at ${sizes} MB`, unit: 'MB', steward: mem(peaks.open), reference: { tool: 'openssl', ...mem(peaks.opensslOpen) }, target: PEAK }));
    return rows;
  };
}

/** The ratio without Node's start (the app exports from a running process): the child reports its inner time. */
function inProcess(ours: ProcessTiming[], theirs: ProcessTiming[], mb: number): string {
  const inner = ours.map((t) => Number(/"innerSeconds":([\d.]+)/.exec(t.stdout)?.[1] ?? NaN));
  if (inner.some(Number.isNaN)) return '';
  const rate = mb / median(inner);
  return `Steward's wall time includes starting Node; in process ${rate.toFixed(0)} MB/s, ${(rate / (mb / (median(theirs.map((t) => t.wallMs)) / 1000))).toFixed(2)}x`;
}

function opensslProducer(payloadBytes: number): string {
  const parts = Math.ceil(payloadBytes / CHUNK);
  return `set -euo pipefail
mkdir -p ossl/payload
for i in $(seq 1 ${parts}); do
  dd if=payload.tar bs=1M skip=$(( (i - 1) * ${CHUNK / MIB} )) count=${CHUNK / MIB} status=none | openssl cms -encrypt -stream -binary -aes-256-gcm -recip partner.pem ${KEYOPTS} -outform DER -out "ossl/payload/part-$(printf %06d $i).p7m"
done
openssl cms -sign -stream -binary -nodetach -in written.json -signer district.pem -inkey district.key -outform DER -out ossl/manifest.p7s
openssl cms -encrypt -stream -binary -aes-256-gcm -in ossl/manifest.p7s -recip partner.pem ${KEYOPTS} -outform DER -out ossl/manifest.p7m`;
}

const OPENSSL_CONSUMER = `set -euo pipefail
openssl cms -decrypt -binary -inform DER -in manifest.p7m -recip partner.pem -inkey partner.key -out manifest.p7s
openssl cms -verify -binary -inform DER -in manifest.p7s -CAfile district.pem -out manifest.json 2>/dev/null
for f in payload/part-*.p7m; do openssl cms -decrypt -binary -inform DER -in "$f" -recip partner.pem -inkey partner.key; done > payload.bin
sha256sum payload.bin`;

function node(child: string, args: string[]): void {
  const r = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child ${args[0]} failed: ${r.stderr}`);
}

function sh(script: string, cwd: string): void {
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
}

/**
 * The child as JavaScript: beside this file when the benchmark runs compiled (npm run bench),
 * else compiled with tsc into .bench-cache (tsx's own helper process would be counted otherwise).
 */
function childScript(): string {
  const sibling = join(__dirname, 'package-bench-child.js');
  if (existsSync(sibling)) return sibling;
  const out = join(cacheDir, 'package-bench', 'js');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '--outDir', out, '--rootDir', root, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--esModuleInterop', '--skipLibCheck', '--types', 'node', '--sourceMap', 'false', '--strict', '--noCheck', join(root, 'test', 'bench', 'package-bench-child.ts')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc failed: ${r.stdout}${r.stderr}`);
  return join(out, 'test', 'bench', 'package-bench-child.js');
}

/** Synthetic records.csv of about `bytes` bytes (no real people); returns the record count. */
async function writeRecords(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const header = 'student.localId,student.firstName,student.lastName,student.grade,student.school\r\n';
  out.write(header);
  let written = header.length;
  let n = 0;
  while (written < bytes) {
    const lines: string[] = [];
    for (let i = 0; i < 10_000 && written < bytes; i++) {
      n += 1;
      const line = `S${String(n).padStart(8, '0')},Given${(n * 7919) % 1000},"Family${(n * 104729) % 1000}, Jr",${(n % 12) + 1},Springfield Elementary School number ${n % 40}\r\n`;
      lines.push(line);
      written += line.length;
    }
    if (!out.write(lines.join(''))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return n;
}
