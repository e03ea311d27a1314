import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';

/**
 * Package create/open throughput and peak memory, Steward against the OpenSSL CLI on the same
 * bytes (issue 5, PACKAGE-FORMAT.md). Not a test: `npx tsx test/bench/package-bench.ts [--sizes 1,50,200]`.
 *
 * Every measured operation runs in its own child process under `/usr/bin/time -v`, so "peak
 * memory" is the child's maximum resident set size (for the OpenSSL scripts, the largest of its
 * processes). Steward's children run compiled JavaScript (tsc into .bench-cache/), not tsx,
 * whose esbuild helper would be counted otherwise.
 *
 * - steward create: writePackage from records.csv on disk (+ 3 small files), 64 MiB parts.
 * - openssl create ("-stream producer"): each 64 MiB slice of the same payload tar piped into
 *   `openssl cms -encrypt -stream` (AES-256-GCM, RSA-OAEP SHA-256), plus `cms -sign` and
 *   `cms -encrypt` of the manifest. No ZIP step: a slightly generous baseline.
 * - steward open: openPackage (every check, files written to a folder).
 * - openssl open ("decrypt then verify"): on the unzipped Steward package, the partner-IT
 *   commands: decrypt + verify the manifest, decrypt every part into payload.bin, sha256sum.
 *   The unzip itself is not timed (again in OpenSSL's favour).
 */

export interface PackageBenchRow {
  sizeMB: number;
  tool: 'steward' | 'openssl';
  op: 'create' | 'open';
  /** Wall time of the whole child process (Node or bash + openssl startup included). */
  seconds: number;
  /** User + system CPU of the child and its processes: stable when the machine is busy. */
  cpuSeconds: number;
  /** Payload MB over wall time. */
  mbPerSecond: number;
  /** Payload MB over CPU time. */
  mbPerCpuSecond: number;
  peakMB: number;
  /** Steward only: wall time inside the operation, without process start. */
  innerSeconds?: number;
}

export interface PackageBenchSummary {
  sizeMB: number;
  /** Steward MB/s over OpenSSL MB/s, by wall time and by CPU time. */
  createRatio: number;
  createCpuRatio: number;
  openRatio: number;
  openCpuRatio: number;
  stewardPeakMB: number;
}

const ROOT = resolve(__dirname, '..', '..');
const CACHE = join(ROOT, '.bench-cache', 'package-bench');
const KEYOPTS = '-keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 -keyopt rsa_mgf1_md:sha256';
const MIB = 1024 * 1024;
const CHUNK = 64 * MIB;

/** Runs the benchmark at each payload size (MB of records.csv) and returns every measurement. */
export async function benchPackages(sizesMB: number[] = [1, 50, 200], log: (line: string) => void = () => undefined): Promise<{ rows: PackageBenchRow[]; summary: PackageBenchSummary[] }> {
  const child = compileChild();
  const work = mkdtempSync(join(tmpdir(), 'steward-package-bench-'));
  const rows: PackageBenchRow[] = [];
  try {
    runNode(child, ['identities', work]);
    for (const sizeMB of sizesMB) {
      const dir = join(work, `${sizeMB}mb`);
      mkdirSync(dir);
      const recordCount = await writeRecords(join(dir, 'records.csv'), sizeMB * MIB);
      for (const f of ['partner.pem', 'partner.key', 'district.pem', 'district.key']) writeFileSync(join(dir, f), readFileSync(join(work, f)));
      const payloadMB = statSync(join(dir, 'records.csv')).size / MIB;
      log(`${sizeMB} MB payload (${recordCount.toLocaleString('en-US')} records), load average ${loadavg()[0]!.toFixed(1)}`);

      const add = (tool: PackageBenchRow['tool'], op: PackageBenchRow['op'], m: Measured) => {
        const row: PackageBenchRow = {
          sizeMB,
          tool,
          op,
          seconds: m.seconds,
          cpuSeconds: m.cpuSeconds,
          mbPerSecond: payloadMB / m.seconds,
          mbPerCpuSecond: payloadMB / m.cpuSeconds,
          peakMB: m.peakMB,
          innerSeconds: m.innerSeconds,
        };
        rows.push(row);
        const inner = m.innerSeconds === undefined ? '' : `; ${(payloadMB / m.innerSeconds).toFixed(0)} MB/s wall without process start`;
        log(
          `  ${tool.padEnd(8)} ${op.padEnd(7)} ${row.mbPerSecond.toFixed(0).padStart(5)} MB/s wall ${row.mbPerCpuSecond.toFixed(0).padStart(5)} MB/s CPU  peak ${row.peakMB.toFixed(0).padStart(4)} MB  (${m.seconds.toFixed(2)} s wall, ${m.cpuSeconds.toFixed(2)} s CPU${inner})`,
        );
      };

      add('steward', 'create', measure(process.execPath, [child, 'create', dir, String(recordCount)], dir, true));
      const manifest = JSON.parse(readFileSync(join(dir, 'written.json'), 'utf8')) as { payload: { sha256: string; size: number } };
      runNode(child, ['tar', dir]);
      add('openssl', 'create', measure('bash', ['-c', opensslProducer(statSync(join(dir, 'payload.tar')).size)], dir));
      add('steward', 'open', measure(process.execPath, [child, 'open', dir], dir, true));
      sh(`unzip -q pkg.sdx -d pkg && cp partner.pem partner.key district.pem pkg/`, dir);
      const consumer = measure('bash', ['-c', OPENSSL_CONSUMER], join(dir, 'pkg'));
      add('openssl', 'open', consumer);
      if (!consumer.stdout.startsWith(manifest.payload.sha256)) throw new Error('openssl consumer: payload hash differs from the manifest');
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const pick = (s: number, tool: string, op: string) => rows.find((r) => r.sizeMB === s && r.tool === tool && r.op === op)!;
  const ratio = (s: number, op: string, key: 'mbPerSecond' | 'mbPerCpuSecond') => pick(s, 'steward', op)[key] / pick(s, 'openssl', op)[key];
  const summary = sizesMB.map((s) => ({
    sizeMB: s,
    createRatio: ratio(s, 'create', 'mbPerSecond'),
    createCpuRatio: ratio(s, 'create', 'mbPerCpuSecond'),
    openRatio: ratio(s, 'open', 'mbPerSecond'),
    openCpuRatio: ratio(s, 'open', 'mbPerCpuSecond'),
    stewardPeakMB: Math.max(pick(s, 'steward', 'create').peakMB, pick(s, 'steward', 'open').peakMB),
  }));
  return { rows, summary };
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

interface Measured {
  seconds: number;
  cpuSeconds: number;
  peakMB: number;
  innerSeconds?: number;
  stdout: string;
}

function measure(cmd: string, args: string[], cwd: string, reportsInner = false): Measured {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-v', cmd, ...args], { cwd, encoding: 'utf8', maxBuffer: 16 * MIB });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.stderr}`);
  const field = (name: string) => Number(new RegExp(`${name}: ([\\d.]+)`).exec(r.stderr)?.[1] ?? NaN);
  const inner = reportsInner ? /"innerSeconds":([\d.]+)/.exec(r.stdout) : null;
  return {
    seconds,
    cpuSeconds: field('User time \\(seconds\\)') + field('System time \\(seconds\\)'),
    peakMB: field('Maximum resident set size \\(kbytes\\)') / 1024,
    innerSeconds: inner ? Number(inner[1]) : undefined,
    stdout: r.stdout,
  };
}

function runNode(child: string, args: string[]): void {
  const r = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bench child ${args[0]} failed: ${r.stderr}`);
}

function sh(script: string, cwd: string): void {
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${script}: ${r.stderr}`);
}

/** Compiles the child entry (and what it imports) to CommonJS in .bench-cache with tsc. */
function compileChild(): string {
  const out = join(CACHE, 'js');
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '--outDir', out, '--rootDir', ROOT, '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--esModuleInterop', '--skipLibCheck', '--types', 'node', '--sourceMap', 'false', '--strict', '--noCheck', join(ROOT, 'test', 'bench', 'package-bench-child.ts')], { cwd: ROOT, encoding: 'utf8' });
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
    const chunk = lines.join('');
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return n;
}

if (require.main === module) {
  const arg = process.argv.indexOf('--sizes');
  const sizes = arg > 0 ? (process.argv[arg + 1] ?? '').split(',').map(Number) : [1, 50, 200];
  benchPackages(sizes, (l) => console.log(l))
    .then(({ summary }) => {
      console.log(`\nload average ${loadavg().map((l) => l.toFixed(1)).join(' ')} on ${cpus().length} CPUs (wall ratios suffer when the machine is busy; CPU ratios do not)`);
      console.log('size     create ratio wall / CPU (>= 0.8)   open ratio wall / CPU (>= 1.5)   Steward peak (< 250 MB)');
      for (const s of summary) {
        const pair = (a: number, b: number) => `${a.toFixed(2)}x / ${b.toFixed(2)}x`.padEnd(33);
        console.log(`${String(s.sizeMB).padStart(4)} MB  ${pair(s.createRatio, s.createCpuRatio)}  ${pair(s.openRatio, s.openCpuRatio)}${s.stewardPeakMB.toFixed(0).padStart(5)} MB`);
      }
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
}
