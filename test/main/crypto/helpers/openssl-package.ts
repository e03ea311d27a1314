import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chunkEntryName, PACKAGE_ALGORITHMS, type Manifest } from '../../../../shared/package/manifest';
import { certificateInfo } from '../../../../main/crypto/certificate';
import type { ManifestInput } from '../../../../main/crypto/package-writer';
import { bashOk } from './shell';

/**
 * Assembles an SDX/1 package with the OpenSSL and Info-ZIP command lines only (GNU tar for the
 * payload, `split` for the slices, `openssl cms -encrypt/-sign`, `zip -0 -X -D`). Every knob
 * exists so a test can build a package our writer would refuse to make: a downgraded algorithm,
 * a manifest that lies, a part with a broken tag that the manifest nevertheless commits to.
 */
export interface OpensslPackageOptions {
  /** Folder holding <name>.pem / <name>.key files (see workDir). */
  dir: string;
  manifest: ManifestInput;
  records: string;
  chunkBytes: number;
  /** Identity names in `dir`. */
  signer?: string;
  recipients?: string[];
  /** The certificate whose hash the manifest names as recipient. */
  manifestRecipient?: string;
  /** Content cipher flag for `openssl cms -encrypt` (default -aes-256-gcm). */
  manifestCipher?: string;
  partCipher?: string;
  /** -keyopt flags given after each -recip (default: RSA-OAEP with SHA-256 and MGF1-SHA-256). */
  manifestKeyopts?: string;
  partKeyopts?: string;
  /** Extra flags for `openssl cms -sign` (e.g. `-md sha1`, `-noattr`). */
  signFlags?: string;
  /** Change a part's bytes before the manifest hashes them (the district signs the damage). */
  alterPart?: (index: number, bytes: Buffer) => Buffer;
  /** Change the manifest before it is signed. */
  alterManifest?: (m: Manifest) => unknown;
  /** Raw manifest.json bytes instead of the computed manifest. */
  manifestBytes?: Buffer;
  out?: string;
}

export const GOOD_KEYOPTS = '-keyopt rsa_padding_mode:oaep -keyopt rsa_oaep_md:sha256 -keyopt rsa_mgf1_md:sha256';

export function opensslPackage(o: OpensslPackageOptions): string {
  const { dir } = o;
  const work = join(dir, `build-${Date.now()}-${Math.random().toString(16).slice(2)}`);
  mkdirSync(join(work, 'src'), { recursive: true });
  mkdirSync(join(work, 'pkg', 'payload'), { recursive: true });
  writeFileSync(join(work, 'src', 'records.csv'), o.records);
  writeFileSync(join(work, 'src', 'dictionary.json'), '[]\n');
  writeFileSync(join(work, 'src', 'revocations.json'), '[]\n');
  writeFileSync(join(work, 'src', 'notice.txt'), 'Do not redisclose.\n');
  // Each -keyopt applies to the -recip before it.
  const recips = (keyopts: string | undefined) => (o.recipients ?? ['partner']).map((r) => `-recip ${dir}/${r}.pem ${keyopts ?? GOOD_KEYOPTS}`).join(' ');
  bashOk(
    `set -euo pipefail
tar --format=ustar -cf payload.tar -C src records.csv dictionary.json revocations.json notice.txt
split -b ${o.chunkBytes} -d -a 6 --numeric-suffixes=1 payload.tar slice-
for s in slice-*; do
  openssl cms -encrypt -binary ${o.partCipher ?? '-aes-256-gcm'} -in "$s" ${recips(o.partKeyopts)} -outform DER -out "pkg/payload/part-\${s#slice-}.p7m"
done`,
    work,
  );
  const payload = readFileSync(join(work, 'payload.tar'));
  const slices = readdirSync(work).filter((f) => f.startsWith('slice-')).sort();
  const chunks = slices.map((s, i) => {
    const partPath = join(work, 'pkg', chunkEntryName(i + 1));
    let part: Buffer = readFileSync(partPath);
    if (o.alterPart) {
      part = o.alterPart(i, part);
      writeFileSync(partPath, part);
    }
    const plain = readFileSync(join(work, s));
    return { name: chunkEntryName(i + 1), size: plain.length, sha256: sha(plain), cmsSize: part.length, cmsSha256: sha(part) };
  });
  const signer = o.signer ?? 'district';
  const m = o.manifest;
  const manifest: Manifest = {
    identity: { format: 'SDX', formatVersion: 1, ...m.identity },
    agreement: m.agreement,
    parties: {
      district: { id: m.parties.district.id, signerCertSha256: certificateInfo(readFileSync(join(dir, `${signer}.pem`), 'utf8')).sha256 },
      partner: { id: m.parties.partner.id, recipientCertSha256: certificateInfo(readFileSync(join(dir, `${o.manifestRecipient ?? 'partner'}.pem`), 'utf8')).sha256 },
      role: m.parties.role,
      purpose: m.parties.purpose,
      legalBasis: m.parties.legalBasis,
    },
    dataset: m.dataset,
    payload: { container: 'ustar', algorithms: { ...PACKAGE_ALGORITHMS }, size: payload.length, sha256: sha(payload), chunks },
    time: m.time,
  };
  const json = o.manifestBytes ?? Buffer.from(JSON.stringify(o.alterManifest ? o.alterManifest(manifest) : manifest));
  writeFileSync(join(work, 'manifest.json'), json);
  const out = o.out ?? join(dir, `openssl-${Date.now()}-${Math.random().toString(16).slice(2)}.sdx`);
  bashOk(
    `set -euo pipefail
openssl cms -sign -binary -nodetach ${o.signFlags ?? ''} -in manifest.json -signer ${dir}/${signer}.pem -inkey ${dir}/${signer}.key -outform DER -out manifest.p7s
openssl cms -encrypt -binary ${o.manifestCipher ?? '-aes-256-gcm'} -in manifest.p7s ${recips(o.manifestKeyopts)} -outform DER -out pkg/manifest.p7m
cd pkg && zip -q -0 -X -D ${out} manifest.p7m payload/part-*.p7m`,
    work,
  );
  return out;
}

function sha(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
