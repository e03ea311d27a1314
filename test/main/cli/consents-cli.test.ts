import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exit } from '../../../main/cli/types';
import { addDays, toIsoDate } from '../../../shared/util/dates';
import { consentCounts, pdfBytes, seedAgreement, seedDistrict } from '../services/consent-seed';
import { cliEnv, initCliDistrict, runSteward, withCliDistrict } from './cli-harness';

/** The consent, opt-out and directory commands end to end on a real passphrase-encrypted store (real clock: dates are relative to today). */
let dir: string;
let db: string;
const today = toIsoDate(new Date());
const daysAgo = (n: number) => addDays(today, -n);
const steward = (...argv: string[]) => runSteward([...argv, '--db', db], cliEnv, dir);
const counts = () => withCliDistrict(db, 'check', consentCounts);

beforeAll(async () => {
  ({ dir, db } = await initCliDistrict('steward-consent-cli-'));
  withCliDistrict(db, 'seed', (ctx) => {
    seedDistrict(ctx, [{ id: 's1', birthDate: daysAgo(365 * 10) }, { id: 's2', birthDate: daysAgo(365 * 10) }, { id: 's3', birthDate: daysAgo(365 * 10) }]);
    seedAgreement(ctx, 'a-1');
  });
  for (const n of ['1', '2', '3']) writeFileSync(join(dir, `form${n}.pdf`), pdfBytes(`cli-${n}`));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steward consent, optout and directory commands', () => {
  it('adds, lists and revokes a consent; bad input exits 3 and stores nothing', async () => {
    const add = await steward('consent', 'add', '--student', 's1', '--guardian', 'g-s1', '--partner', 'p-1', '--agreement', 'a-1', '--signed', daysAgo(5), '--evidence', 'form1.pdf', '--format', 'json');
    expect(add.code, add.err).toBe(Exit.ok);
    const id = (JSON.parse(add.out.split('\n\n')[0]!.replace(/\n?Recorded consent.*$/s, '')) as { id: string }[])[0]!.id;
    const before = counts();
    const bad = await steward('consent', 'add', '--student', 's2', '--guardian', 'g-s1', '--partner', 'p-1', '--agreement', 'a-1', '--signed', daysAgo(5), '--expires', daysAgo(6), '--evidence', 'form2.pdf');
    expect(bad.code).toBe(Exit.badInput);
    expect(bad.err).toContain("Guardian 'g-s1' is not on record for student 's2'");
    expect(bad.err).toMatch(/Expiry \S+ must be after the signing date/);
    expect((await steward('consent', 'add', '--student', 's2', '--guardian', 'g-s2', '--partner', 'p-1', '--signed', daysAgo(5), '--purpose', 'x', '--fields', 'indicator.iep')).err).toMatch(/Attach the signed form/);
    expect((await steward('consent', 'add', '--student', 'ghost', '--partner', 'p-1', '--agreement', 'a-1', '--signed', daysAgo(5), '--evidence', 'form2.pdf')).code).toBe(Exit.notFound);
    expect(counts()).toEqual(before);
    const list = await steward('consent', 'list', '--format', 'csv');
    expect(list.out.split('\r\n')[1]).toMatch(new RegExp(`^${id},L-s1,p-1,a-1,reading-tutoring,granted,in-force,`));
    const revoke = await steward('consent', 'revoke', id, '--on', daysAgo(1));
    expect(revoke.out).toContain(`Revoked consent ${id}`);
    expect((await steward('consent', 'revoke', id, '--on', daysAgo(1))).code).toBe(Exit.conflict);
  });

  it('imports a mixed CSV: all-or-nothing refuses with line numbers; --valid-lines-only stores the rest and names the skipped lines', async () => {
    const csv = ['student_id,signer_role,guardian_id,partner_id,agreement_id,decision,signed_on,method,evidence_file',
      `s2,parent,g-s2,p-1,a-1,granted,${daysAgo(3)},paper-scan,form2.pdf`,
      `s3,parent,g-s1,p-1,a-1,granted,${daysAgo(3)},paper-scan,form3.pdf`].join('\n');
    writeFileSync(join(dir, 'decisions.csv'), csv);
    const before = counts();
    const all = await steward('consent', 'import', 'decisions.csv');
    expect(all.code).toBe(Exit.badInput);
    expect(all.err).toContain('decisions.csv: line 3, column guardian_id: SIGNER_NOT_GUARDIAN');
    expect(all.out).toContain('Nothing stored');
    expect(counts()).toEqual(before);
    const some = await steward('consent', 'import', 'decisions.csv', '--valid-lines-only');
    expect(some.code).toBe(Exit.ok);
    expect(some.out).toContain('stored 1 of 2 line(s); skipped lines 3.');
  });

  it('shows coverage, writes the needs-form CSV and Spanish forms', async () => {
    const cov = await steward('consent', 'coverage', 'a-1', '--needs-form-csv', 'need.csv');
    expect(cov.code, cov.err).toBe(Exit.ok);
    expect(cov.out).toMatch(/3 students in scope; 1 complete, 0 partial, 2 missing; 1 need a form/);
    expect(readFileSync(join(dir, 'need.csv'), 'utf8').split('\r\n').filter(Boolean).map((l) => l.split(',')[0])).toEqual(['student_id', 's3']);
    const form = await steward('consent', 'form', 'a-1', '--lang', 'es', '--student', 's2', '--student', 's3', '--out', 'forms.html');
    expect(form.out).toMatch(/Wrote 2 form page\(s\) in Spanish/);
    expect(readFileSync(join(dir, 'forms.html'), 'utf8')).toContain('Doy mi consentimiento');
    const pdf = await steward('consent', 'form', 'a-1', '--lang', 'en', '--blank', '--out', 'blank.pdf');
    expect(pdf.code, pdf.err).toBe(Exit.ok);
    expect(readFileSync(join(dir, 'blank.pdf')).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('designates directory fields, refuses ineligible ones, and manages opt-outs', async () => {
    expect((await steward('directory', 'designate', '--fields', 'student.firstName,indicator.homeless', '--notice', daysAgo(30))).code).toBe(Exit.badInput);
    const ok = await steward('directory', 'designate', '--fields', 'student.firstName,student.grade', '--notice', daysAgo(30));
    expect(ok.out).toContain('2 designated field(s)');
    expect((await steward('directory', 'show', '--format', 'json')).out).toContain('"student.grade"');
    expect((await steward('optout', 'add', 's1', '--on', daysAgo(2))).code).toBe(Exit.ok);
    expect((await steward('optout', 'list', '--format', 'csv')).out).toContain('s1,L-s1,active');
    expect((await steward('optout', 'remove', 's1', '--on', daysAgo(1))).out).toContain('ended');
    expect((await steward('optout', 'remove', 's1', '--on', daysAgo(1))).code).toBe(Exit.notFound);
  });
});
