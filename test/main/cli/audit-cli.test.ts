import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exit } from '../../../main/cli/types';
import { recordDisclosures } from '../../../main/services/disclosures-service';
import { openAsAttacker, dropAuditGuards } from '../../helpers/attacker';
import { seedDistrict, disclosure } from '../services/disclosure-fixtures';
import { cliEnv, cliStoreKey, initCliDistrict, runSteward, withCliDistrict } from './cli-harness';

/** The audit, disclosures and transparency commands end to end on a real passphrase-encrypted store. */
let dir: string;
let db: string;
/** This file's own copy: one test points STEWARD_CHROMIUM somewhere for a while. */
const env: NodeJS.ProcessEnv = { ...cliEnv };
const steward = (...argv: string[]) => runSteward([...argv, '--db', db], env, dir);

beforeAll(async () => {
  ({ dir, db } = await initCliDistrict('steward-audit-cli-'));
  withCliDistrict(db, 'seed', (ctx) => {
    seedDistrict(ctx);
    recordDisclosures(ctx, disclosure());
    recordDisclosures(ctx, disclosure({ packageId: 'pkg-2', partnerId: 'p-eval', legalBasis: 'studies', legitimateInterest: null, fields: ['student.localId', 'indicator.iep'], disclosedOn: '2026-10-01' }));
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steward audit', () => {
  it('list shows the rows in plain words, filtered; verify passes and prints the head to keep', async () => {
    const list = await steward('audit', 'list', '--action', 'disclosure', '--oldest');
    expect(list.code, list.err).toBe(Exit.ok);
    expect(list.out).toContain('Recorded disclosure of package pkg-1 to partner p-tutor: 3 students');
    expect(list.out).toContain('2 of 2 audit rows');
    const bad = await steward('audit', 'list', '--from', '2026-13-01');
    expect(bad).toMatchObject({ code: Exit.badInput });
    expect(bad.err).toContain('--from: must be a date written yyyy-mm-dd');
    const ok = await steward('audit', 'verify');
    expect(ok.code, ok.err).toBe(Exit.ok);
    expect(ok.out).toMatch(/Audit log intact: 2 row\(s\) checked/);
    expect(ok.out).toMatch(/Head: 2:[0-9a-f]{64}/);
  });

  it('verify exits non-zero and names the first bad row after the file was edited', async () => {
    const head = /Head: (\d+:[0-9a-f]{64})/.exec((await steward('audit', 'verify')).out)![1]!;
    const a = openAsAttacker(db, cliStoreKey(db));
    dropAuditGuards(a);
    a.prepare(`UPDATE audit_log SET summary = '{}' WHERE seq = 1`).run();
    a.close();
    const r = await steward('audit', 'verify', '--anchor', head);
    expect(r.code).toBe(Exit.failure);
    expect(r.err).toContain('Audit log BROKEN at row 1 (altered)');
    expect(r.err).toContain('append-only guards of the audit log are missing');
    const json = JSON.parse((await steward('audit', 'verify', '--json')).out) as { ok: boolean; firstBad: { seq: number } };
    expect(json).toMatchObject({ ok: false, firstBad: { seq: 1 } });
    expect((await steward('audit', 'verify', '--anchor', 'nonsense')).code).toBe(Exit.badInput);
  });
});

describe('steward disclosures and transparency-report', () => {
  it('prints the history as json and the parent report as html in Spanish to a file', async () => {
    const json = await steward('disclosures', '--student', 'stu-1', '--format', 'json');
    expect(json.code, json.err).toBe(Exit.ok);
    expect((JSON.parse(json.out) as { events: { packageId: string }[] }).events.map((e) => e.packageId)).toEqual(['pkg-2', 'pkg-1']);
    const html = await steward('disclosures', '--student', 'stu-1', '--lang', 'es', '--out', 'report.html');
    expect(html.code, html.err).toBe(Exit.ok);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('¿Quién ha recibido la información de Ana García?');
    expect((await steward('disclosures', '--student', 'stu-1', '--lang', 'fr')).err).toContain('--lang must be one of en, es');
    expect((await steward('disclosures')).code).toBe(Exit.badInput);
    expect((await steward('disclosures', '--student', 'nobody')).code).toBe(Exit.notFound);
  });

  it('lists disclosure records filtered by partner', async () => {
    const r = await steward('disclosures', 'list', '--partner', 'p-eval', '--format', 'csv');
    expect(r.code, r.err).toBe(Exit.ok);
    expect(r.out.trimEnd().split('\r\n')).toHaveLength(4);
    expect(r.out).toContain('Lakeside University Evaluation Center,tutor,studies');
  });

  it('pdf output says clearly when no Chromium can be found, and writes nothing', async () => {
    env.STEWARD_CHROMIUM = join(dir, 'no-such-chromium');
    try {
      const r = await steward('disclosures', '--student', 'stu-1', '--format', 'pdf', '--out', 'x.pdf');
      expect(r.code).toBe(Exit.notFound);
      expect(r.err).toContain('PDF output needs a Chromium-based browser');
      expect(() => readFileSync(join(dir, 'x.pdf'))).toThrow();
    } finally { delete env.STEWARD_CHROMIUM; }
  });

  it('transparency-report as csv (empty list until agreements exist)', async () => {
    const r = await steward('transparency-report', '--format', 'csv', '--as-of', '2026-09-15');
    expect(r.code, r.err).toBe(Exit.ok);
    expect(r.out.split('\r\n')[0]).toMatch(/^Partner,Partner type,/);
    expect((await steward('transparency-report', '--as-of', 'tomorrow')).err).toContain('--as-of: must be a date');
  });
});
