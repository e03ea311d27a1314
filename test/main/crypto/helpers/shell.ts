import { spawnSync } from 'node:child_process';

export interface ShellResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a bash script (the partner-IT commands, openssl, zip) in `cwd`. */
export function bash(script: string, cwd: string): ShellResult {
  const r = spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like bash() but throws with stderr when the script fails. */
export function bashOk(script: string, cwd: string): string {
  const r = bash(script, cwd);
  if (r.status !== 0) throw new Error(`script failed (${r.status}): ${script}\n${r.stderr}`);
  return r.stdout;
}

/** The partner-IT procedure of PACKAGE-FORMAT.md, verbatim, for a package at pkg.sdx. */
export const PARTNER_IT_SCRIPT = `set -euo pipefail
unzip -q pkg.sdx -d pkg && cd pkg
openssl cms -decrypt -binary -inform DER -in manifest.p7m -recip partner.pem -inkey partner.key -out manifest.p7s
openssl cms -verify -binary -inform DER -in manifest.p7s -CAfile district.pem -out manifest.json
for f in payload/part-*.p7m; do openssl cms -decrypt -binary -inform DER -in "$f" -recip partner.pem -inkey partner.key; done > payload.bin
sha256sum payload.bin   # must equal manifest payload.sha256; delete payload.bin on any failure
`;
