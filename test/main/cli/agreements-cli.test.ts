import { rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Exit } from '../../../main/cli/types';
import { seedAgreementDistrict, readingAgreement, studentId, PROGRAM_READ } from '../../helpers/agreement-district';
import { cliEnv, initCliDistrict, runSteward, withCliDistrict } from './cli-harness';

/** The CLI end to end on a real passphrase-encrypted store: partner, enrolments, agreement life cycle, preview. */
let dir: string;
let db: string;
const steward = (...argv: string[]) => runSteward([...argv, '--db', db], cliEnv, dir);

beforeAll(async () => {
  ({ dir, db } = await initCliDistrict('steward-cli-'));
  withCliDistrict(db, 'seed', (ctx) => seedAgreementDistrict(ctx, 30));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steward partner, program, agreement and preview commands', () => {
  it('adds and lists partners and programs, and imports enrolments (a bad file changes nothing)', async () => {
    expect((await steward('partner', 'add', '--name', 'Harbor Case Management', '--kind', 'case-management', '--contact-email', 'intake@harbor.example')).out).toMatch(/Added partner Harbor Case Management/);
    expect((await steward('partner', 'add', '--name', 'X', '--kind', 'bakery')).code).toBe(Exit.badInput);
    const list = await steward('partner', 'list', '--format', 'csv');
    expect(list.out.split('\r\n')[0]).toBe('id,name,kind,contactName,contactEmail,commercialSubprocessors,programCount,agreementCount');
    expect(list.out).toContain('Harbor Case Management');
    writeFileSync(join(dir, 'bad.csv'), `programId,studentSourcedId,beginDate,endDate\n${PROGRAM_READ},${studentId(2)},2026-08-20,\n${PROGRAM_READ},nobody,2026-08-20,\n`);
    const bad = await steward('program', 'enrol', 'bad.csv');
    expect(bad.code).toBe(Exit.badInput);
    expect(bad.err).toContain('line 3, column studentSourcedId');
    writeFileSync(join(dir, 'good.csv'), `programId,studentSourcedId,beginDate,endDate\n${PROGRAM_READ},${studentId(2)},2026-08-20,\n`);
    expect((await steward('program', 'enrol', 'good.csv')).out).toBe(`Imported 1 enrolment: ${PROGRAM_READ} 1.\n`);
  });

  it('creates, reviews, approves by content hash, activates, previews and diffs an agreement', async () => {
    const draft = readingAgreement({ basisElements: {} });
    writeFileSync(join(dir, 'agreement.json'), JSON.stringify(draft, null, 2));
    const created = await steward('agreement', 'create', '--file', 'agreement.json');
    expect(created.code).toBe(Exit.ok);
    const id = /Created agreement (\S+) version 1/.exec(created.out)![1]!;
    expect(created.out).toContain('still missing');
    const refused = await steward('agreement', 'submit', id);
    expect(refused.code).toBe(Exit.badInput);
    expect(refused.err).toContain('basisElements.directControl');

    writeFileSync(join(dir, 'agreement.json'), JSON.stringify(readingAgreement(), null, 2));
    expect((await steward('agreement', 'update', id, '--file', 'agreement.json')).out).toMatch(/Updated version 1/);
    expect((await steward('agreement', 'submit', id)).code).toBe(Exit.ok);
    const shown = await steward('agreement', 'show', id);
    const hash = /content hash ([0-9a-f]{64})/.exec(shown.out)![1]!;
    expect((await steward('agreement', 'approve', id, '--hash', 'abcdefabcdef', '--reviewer', 'R. Counsel')).code).toBe(Exit.conflict);
    const approved = await steward('agreement', 'approve', id, '--hash', hash.slice(0, 16), '--reviewer', 'R. Counsel');
    expect(approved.out).toContain(`approved by R. Counsel for content hash ${hash}`);
    expect((await steward('agreement', 'activate', id)).out).toBe('Version 1 is active.\n');

    // A comment names the reviewer who wrote it, like an approval.
    const unsigned = await steward('agreement', 'comment', id, '--text', 'Tutors see the IEP flag: confirm why.');
    expect(unsigned.code).toBe(Exit.badInput);
    expect(unsigned.err).toContain('--reviewer is required');
    const commented = await steward('agreement', 'comment', id, '--text', 'Tutors see the IEP flag: confirm why.', '--at', 'roles[0].fields[4]', '--reviewer', 'Jordan Okafor');
    expect(commented.out).toBe('Comment by Jordan Okafor added to version 1.\n');
    expect((await steward('agreement', 'show', id)).out).toMatch(/comment by Jordan Okafor at \S+ on roles\[0\]\.fields\[4\]: Tutors see the IEP flag: confirm why\./);

    const table = await steward('preview', '--agreement', id, '--role', 'tutor', '--as-of', '2026-09-15', '--limit', '5');
    expect(table.code).toBe(Exit.ok);
    expect(table.out).toContain('indicator.iep');
    expect(table.out).toContain('[IDEA_RESTRICTED]');
    expect(table.out).toMatch(/Students: \d+ included of \d+ considered/);
    const csv = await steward('preview', '--agreement', id, '--role', 'tutor', '--as-of', '2026-09-15', '--format', 'csv');
    expect(csv.out.split('\r\n')[0]).toBe('student.localId:pseudonym,student.firstName,student.birthDate:age,assessment.readingLevel,indicator.iep');
    const reviewer = await steward('preview', '--agreement', id, '--role', 'tutor', '--as-of', '2026-09-15', '--format', 'csv', '--reviewer');
    expect(reviewer.out).not.toMatch(/Kid\d{4}/);
    expect(reviewer.out.split('\r\n').length).toBe(csv.out.split('\r\n').length);

    const narrower = readingAgreement();
    narrower.roles[0]!.fields.pop();
    writeFileSync(join(dir, 'agreement.json'), JSON.stringify(narrower));
    expect((await steward('agreement', 'update', id, '--file', 'agreement.json')).out).toMatch(/Created version 2/);
    const diff = await steward('agreement', 'diff', id, '--from', '1', '--to', '2');
    expect(diff.out).toBe('role tutor (changed)\n  - indicator.iep (asIs)\n');
    const docPath = join(dir, 'agreement.html');
    expect((await steward('agreement', 'document', id, '--version', '1', '--out', docPath)).code).toBe(Exit.ok);
    expect(readFileSync(docPath, 'utf8')).toContain('Approved by R. Counsel');
    expect((await steward('agreement', 'list', '--format', 'json')).out).toContain('"latestStatus": "draft"');
  });

  it('names the file and key when an agreement.json is malformed', async () => {
    writeFileSync(join(dir, 'broken.json'), '{ "title": ');
    const broken = await steward('agreement', 'create', '--file', 'broken.json');
    expect(broken.code).toBe(Exit.badInput);
    expect(broken.err).toContain('broken.json is not valid JSON');
    writeFileSync(join(dir, 'typo.json'), JSON.stringify({ ...readingAgreement(), purposeCod: 'x' }));
    const typo = await steward('agreement', 'create', '--file', 'typo.json');
    expect(typo.err).toContain('typo.json does not match the agreement format');
    expect(typo.err).toContain('purposeCod');
  });
});
