import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exit } from '../../../main/cli/types';
import { ensurePartnerKey } from '../../../main/services/partners-service';
import { addDays, toIsoDate } from '../../../shared/util/dates';
import { PARTNER_READ, readingAgreement, seedAgreementDistrict } from '../../helpers/agreement-district';
import { activeAgreement } from '../services/package-setup';
import { bash, PARTNER_IT_SCRIPT } from '../crypto/helpers/shell';
import { cliEnv, initCliDistrict, runSteward, withCliDistrict } from './cli-harness';

/**
 * The package workflow through the `steward` command on real passphrase-encrypted stores: both
 * identities, the fingerprint call, export, the partner-IT OpenSSL procedure of PACKAGE-FORMAT.md
 * on the exported file, verify, open (twice: the second is a replay), purge and the district
 * recording the destruction certificate. The CLI runs on the real clock, so the agreement's term
 * is set around today.
 */
let dir: string;
const district = () => join(dir, 'district.db');
const partner = () => join(dir, 'partner.db');
const env = { ...cliEnv, STEWARD_P12_PASSPHRASE: 'partner it passphrase' };
let agreementId = '';
const today = toIsoDate(new Date());
const destroyBy = addDays(today, 330);

const steward = (...argv: string[]) => runSteward(argv, env, dir);
const fingerprintIn = (text: string) => /((?:[0-9A-F]{4} ){15}[0-9A-F]{4})/.exec(text.replace(/\n\s+/g, ' '))![1]!;

beforeAll(async () => {
  ({ dir } = await initCliDistrict('steward-pkg-cli-'));
  agreementId = withCliDistrict(district(), 'seed', (ctx) => {
    seedAgreementDistrict(ctx, 30);
    ensurePartnerKey(ctx, PARTNER_READ);
    return activeAgreement(ctx, readingAgreement({ effective: addDays(today, -30), expires: addDays(today, 300), destroyBy })).agreementId;
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steward identity and package commands', () => {
  it('runs the whole exchange, and the exported package opens with the documented openssl commands', async () => {
    const created = await steward('identity', 'create', '--db', district());
    expect(created.code, created.err).toBe(Exit.ok);
    expect(created.out).toMatch(/Cedar Test District package signing/);
    expect((await steward('init', '--partner', '--db', partner())).code).toBe(Exit.ok);
    expect((await steward('identity', 'create', '--partner', '--db', partner(), '--organization', 'ReadWell Tutoring')).code).toBe(Exit.ok);

    // The fingerprint call, both ways.
    const partnerCert = await steward('identity', 'export-cert', '--partner', '--db', partner(), '--out', 'partner.pem');
    const partnerFingerprint = fingerprintIn(partnerCert.out);
    const unconfirmed = await steward('identity', 'import-cert', '--db', district(), '--in', 'partner.pem', '--partner-id', PARTNER_READ);
    expect(unconfirmed.code).toBe(Exit.usage);
    expect(fingerprintIn(unconfirmed.out)).toBe(partnerFingerprint);
    expect(unconfirmed.err).toContain('Nothing was attached');
    const wrong = await steward('identity', 'import-cert', '--db', district(), '--in', 'partner.pem', '--partner-id', PARTNER_READ, '--fingerprint', partnerFingerprint.replace(/^.{4}/, '0000'));
    expect([wrong.code, wrong.err]).toEqual([Exit.badInput, expect.stringContaining('does not match this certificate')]);
    expect((await steward('identity', 'import-cert', '--db', district(), '--in', 'partner.pem', '--partner-id', PARTNER_READ, '--fingerprint', partnerFingerprint)).code).toBe(Exit.ok);
    const districtCert = await steward('identity', 'export-cert', '--db', district(), '--out', 'district.pem');
    expect((await steward('identity', 'import-cert', '--partner', '--db', partner(), '--in', 'district.pem', '--fingerprint', fingerprintIn(districtCert.out))).code).toBe(Exit.ok);
    const shown = await steward('identity', 'show', '--db', district());
    expect(shown.out).toContain(`Partner ReadWell Tutoring (${PARTNER_READ})`);
    expect(shown.out.replace(/\n\s+/g, ' ')).toContain(partnerFingerprint);

    const exported = await steward('package', 'export', '--db', district(), '--agreement', agreementId, '--role', 'tutor', '--out', 'pkg.sdx');
    expect(exported.code, exported.err).toBe(Exit.ok);
    expect(exported.out).toMatch(/Wrote .*pkg\.sdx\n {2}package [0-9a-f-]{36}, number 1 for agreement/);
    const records = Number(/(\d+) records/.exec(exported.out)![1]);
    expect(records).toBeGreaterThan(5);

    // Partner IT: the key from the .p12 export, then PACKAGE-FORMAT.md's script verbatim.
    expect((await steward('identity', 'export-p12', '--partner', '--db', partner(), '--out', 'partner.p12')).code).toBe(Exit.ok);
    const it = join(dir, 'it');
    mkdirSync(join(it, 'pkg'), { recursive: true });
    copyFileSync(join(dir, 'pkg.sdx'), join(it, 'pkg.sdx'));
    copyFileSync(join(dir, 'partner.pem'), join(it, 'pkg', 'partner.pem'));
    copyFileSync(join(dir, 'district.pem'), join(it, 'pkg', 'district.pem'));
    const key = bash(`P12='${env.STEWARD_P12_PASSPHRASE}' openssl pkcs12 -in ${join(dir, 'partner.p12')} -nocerts -nodes -passin env:P12 -out pkg/partner.key`, it);
    expect(key.status, key.stderr).toBe(0);
    const script = bash(PARTNER_IT_SCRIPT, it);
    expect(script.stderr).toContain('CMS Verification successful');
    expect(script.status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(it, 'pkg', 'manifest.json'), 'utf8'));
    expect(script.stdout.split(/\s+/)[0]).toBe(manifest.payload.sha256);
    expect(manifest).toMatchObject({ agreement: { id: agreementId, version: 1 }, parties: { role: 'tutor', partner: { id: PARTNER_READ } }, dataset: { recordCount: records }, time: { destroyBy } });
    expect(bash('mkdir x && tar -xf payload.bin -C x', join(it, 'pkg')).status).toBe(0);
    const preview = await steward('preview', '--db', district(), '--agreement', agreementId, '--role', 'tutor', '--as-of', today, '--format', 'csv');
    expect(readFileSync(join(it, 'pkg', 'x', 'records.csv'), 'utf8')).toBe(preview.out);

    const verified = await steward('package', 'verify', '--db', partner(), '--in', 'pkg.sdx');
    expect(verified.out).toContain('every check passed');
    const opened = await steward('package', 'open', '--in', 'pkg.sdx', '--store', partner());
    expect([opened.code, opened.out]).toEqual([Exit.ok, expect.stringContaining(`Imported ${records} records.`)]);
    const again = await steward('package', 'open', '--in', 'pkg.sdx', '--store', partner());
    expect([again.code, again.err]).toEqual([Exit.rejected, expect.stringContaining('This package has already been imported')]);
    const listed = await steward('package', 'list', '--partner', '--db', partner(), '--format', 'csv');
    expect(listed.out.split('\r\n')[1]).toContain(`${agreementId},1,1,tutor,${records}`);

    mkdirSync(join(dir, 'certs'));
    const early = await steward('package', 'purge', '--db', partner(), '--as-of', addDays(destroyBy, -1), '--signed-by', 'Dana W', '--out-dir', 'certs');
    expect(early.out).toContain('Nothing is due');
    const purged = await steward('package', 'purge', '--db', partner(), '--as-of', destroyBy, '--signed-by', 'Dana W', '--title', 'Program director', '--out-dir', 'certs');
    expect(purged.out).toContain(`Destroyed ${records} records of 1 package(s)`);
    const certificate = /Certificate: (\S+)/.exec(purged.out)![1]!;
    const recorded = await steward('package', 'destruction-import', '--db', district(), '--in', certificate);
    expect([recorded.code, recorded.out]).toEqual([Exit.ok, expect.stringContaining('Dana W, Program director (ReadWell Tutoring) destroyed the records of 1 package(s)')]);
    const sent = await steward('package', 'list', '--db', district(), '--format', 'json');
    expect((JSON.parse(sent.out) as { destroyedAt: string | null }[])[0]!.destroyedAt).not.toBeNull();
  }, 120_000);

  it('explains --help and refuses a package export in a partner workspace', async () => {
    const help = await steward('package', 'export', '--help');
    expect(help.out).toContain('--agreement <value>');
    const refused = await steward('package', 'export', '--db', partner(), '--agreement', agreementId, '--role', 'tutor', '--out', 'x.sdx');
    expect(refused.code).not.toBe(Exit.ok);
  });
});
