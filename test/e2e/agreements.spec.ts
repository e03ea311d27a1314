import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../../main/services/context';
import { createAgreement } from '../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../main/services/agreement-review';
import type { AgreementContent } from '../../shared/agreement/types';
import { projectRoot } from './demo-cache';
import { expectScreenAndDocumentAccessible } from './documents';
import { basisRequirements } from '../../shared/agreement/requirements';
import { legalBases, type LegalBasis } from '../../shared/agreement/types';
import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';
import { completenessList, completenessStatus, ensureDirectoryNotice, fillElement, fillNewAgreement, grantFields, reviewApproveActivate, type DraftSpec } from './sharing-flows';

/**
 * Partners, the agreement editor, and versions and review, end to end on the demo district: an
 * agreement for each legal basis is drafted in the editor, blocked by the completeness check until
 * its required elements are there, submitted, approved by a named reviewer and put in force.
 */

const versionRow = (ctx: ServiceContext, title: string) =>
  ctx.db.prepare(`SELECT v.agreement_id AS id, v.version, v.status, v.approved_by AS approvedBy, v.content_hash AS hash, v.approved_hash AS approvedHash
    FROM agreement_versions v WHERE json_extract(v.content, '$.title') = ? ORDER BY v.version DESC LIMIT 1`).get(title) as
    { id: string; version: number; status: string; approvedBy: string | null; hash: string; approvedHash: string | null } | undefined;

/** One agreement per legal basis, against the demo district's partners and programs. The element left out first is what the check must name. */
const cases: Record<LegalBasis, DraftSpec & { leaveOut: string }> = {
  'school-official': {
    basis: 'school-official', partner: 'Bright Futures Tutoring', title: 'After-school tutoring 2026-27 (school official)',
    purpose: 'After-school reading and math tutoring for students the schools refer.', programs: ['After-school tutoring, Lincoln Elementary'],
    role: { label: 'Tutor', interest: 'Plans each student\'s sessions from their reading level.', grants: [
      // Granted as is on purpose: the minimisation hint beside it suggests the pseudonymous id.
      { category: 'Student identifiers', label: 'Local student ID' },
      { category: 'Student name', label: 'First name' },
      { category: 'Demographics', label: 'Date of birth', sentAs: 'Age in years' },
      { category: 'Special indicator', label: 'IEP' },
    ] },
    elements: {
      institutionalFunction: 'Small-group reading and math tutoring after school, which the district would otherwise provide itself.',
      directControl: true, redisclosureLimits: true,
      annualNoticeCriteria: 'Annual FERPA notice, section 4: instructional contractors under a district agreement are school officials.',
    },
    leaveOut: 'directControl',
  },
  consent: {
    basis: 'consent', partner: 'Harbor Case Management', title: 'Attendance case management with family consent',
    purpose: 'Case managers work with families of chronically absent students to remove barriers to attendance.', programs: ['Attendance case management, Evergreen Middle School'],
    role: { label: 'Case manager', grants: [
      { category: 'Student name', label: 'First name' }, { category: 'Student name', label: 'Last name' },
      { category: 'Attendance', label: 'Days absent' },
    ] },
    elements: {
      consentFormWording: 'I allow the district to share my child\'s name and attendance with Harbor Case Management so a case manager can help with attendance.',
      consentRecipient: 'Harbor Case Management', consentPurpose: 'Helping the family improve school attendance.',
    },
    leaveOut: 'consentFormWording',
  },
  studies: {
    basis: 'studies', partner: 'Bright Futures Tutoring', title: 'Reading intervention study 2026-28',
    purpose: 'Study whether after-school tutoring improves reading levels, to improve instruction.', programs: ['After-school tutoring, Roosevelt Elementary'],
    role: { label: 'Analyst', grants: [
      { category: 'Student identifiers', label: 'Local student ID', sentAs: 'Pseudonymous ID' },
      { category: 'Assessment', label: 'Reading performance level' },
    ] },
    elements: {
      studyPurpose: 'Improve instruction', studyScope: 'Reading outcomes of tutored students in grades 3-5.', studyDuration: 'Two school years',
      useLimitation: true, noReidentification: true, destruction: true,
    },
    leaveOut: 'studyPurpose',
  },
  'audit-evaluation': {
    basis: 'audit-evaluation', partner: 'Harbor Case Management', title: 'Evaluation of the attendance program',
    purpose: 'Evaluate the state-funded attendance improvement program at two high schools.', programs: ['Attendance case management, Valley Vista High School'],
    role: { label: 'Evaluator', grants: [
      { category: 'Student identifiers', label: 'Local student ID', sentAs: 'Pseudonymous ID' },
      { category: 'Attendance', label: 'Attendance rate', sentAs: 'Chronic-absence flag' },
    ] },
    elements: {
      representativeDesignation: 'Harbor Case Management, evaluation unit', programEvaluated: 'State attendance improvement grant program',
      programSupport: 'State supported', notOwnProgram: true,
      activityDescription: 'Compare chronic absence before and after case management, by school.', destruction: true,
      protectionPolicies: 'Encrypted storage, named analysts only, no copies outside the evaluation unit.',
      complianceCheckMethod: 'Annual attestation and a review of the destruction certificate.',
    },
    leaveOut: 'complianceCheckMethod',
  },
  directory: {
    basis: 'directory', partner: 'Community Meals Network', title: 'Weekend backpack roster',
    purpose: 'Label weekend food backpacks for students enrolled in the backpack program.', programs: ['Weekend backpack meals, Sunnyside Elementary'],
    role: { label: 'Packing volunteer', grants: [
      { category: 'Student name', label: 'First name' }, { category: 'Student name', label: 'Last name' }, { category: 'Enrollment', label: 'Grade level' },
    ] },
    elements: {},
    leaveOut: '',
  },
};

test.describe('partners', () => {
  test('add a partner and a program, import enrolments; a bad file names its line and changes nothing', async ({ page, ctx }) => {
    await page.goto('/#/partners');
    await expect(page.getByRole('heading', { level: 1, name: 'Partners' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Bright Futures Tutoring' })).toBeVisible();
    await page.getByRole('button', { name: 'Add a partner' }).click();
    await page.getByRole('button', { name: 'Add partner' }).click();
    await expect(page.getByText('Give the partner a name.')).toBeVisible();
    await page.getByLabel('Organisation name').fill('Riverbend Literacy Project');
    await page.getByLabel('Kind of organisation').selectOption({ label: 'Tutoring' });
    await page.getByLabel(/Contact e-mail/).fill('hello@riverbend.example');
    await page.getByRole('button', { name: 'Add partner' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Riverbend Literacy Project' })).toBeVisible();

    await page.getByRole('button', { name: 'Add a program' }).click();
    await page.getByLabel('Program name').fill('Reading buddies, Lincoln Elementary');
    const school = ctx.db.prepare(`SELECT id, name FROM orgs WHERE type = 'school' AND name = 'Lincoln Elementary'`).get() as { id: string; name: string };
    await page.getByLabel('Runs at').selectOption({ label: school.name });
    await page.getByRole('button', { name: 'Add program', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added the program Reading buddies' })).toBeVisible();
    const program = ctx.db.prepare(`SELECT id FROM programs WHERE name = 'Reading buddies, Lincoln Elementary'`).pluck().get() as string;
    const students = ctx.db.prepare(`SELECT id FROM students WHERE school_id = ? AND status = 'active' ORDER BY local_id LIMIT 3`).pluck().all(school.id) as string[];

    const bad = `programId,studentSourcedId,beginDate,endDate\n${program},${students[0]},2026-08-20,\n${program},no-such-student,2026-08-20,\n`;
    await page.getByLabel('Enrolment file (CSV)').setInputFiles({ name: 'enrolments-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Import enrolments' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await expect(problem).toContainText('enrolments-bad.csv, line 3, column studentSourcedId');
    expect(ctx.db.prepare('SELECT count(*) FROM program_enrollments WHERE program_id = ?').pluck().get(program)).toBe(0);
    await problem.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'partner-import-refused');

    const good = `programId,studentSourcedId,beginDate,endDate\n${students.map((s) => `${program},${s},2026-08-20,`).join('\n')}\n`;
    await page.getByLabel('Enrolment file (CSV)').setInputFiles({ name: 'enrolments.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByRole('button', { name: 'Import enrolments' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Imported 3 enrolments from enrolments.csv' })).toBeVisible();
    const row = page.getByRole('row', { name: /Reading buddies, Lincoln Elementary/ });
    await expect(row.getByRole('cell').nth(2)).toHaveText('3');
    await row.getByRole('button', { name: /Show students/ }).click();
    await expect(page.getByRole('heading', { name: 'Students in Reading buddies, Lincoln Elementary' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'partner-detail');
  });
});

test.describe('agreements: draft, completeness, review, approval', () => {
  for (const basis of legalBases) {
    const c = cases[basis];
    test(`${basis}: drafted in the editor, blocked until complete, submitted, approved by a named reviewer, put in force`, async ({ page, ctx }) => {
      if (basis === 'directory') ensureDirectoryNotice(ctx);
      // The screens are the same for every basis: screenshots for two, the accessibility scan for one (it is slow).
      const shots = basis === 'school-official' || basis === 'directory';
      const scan = basis === 'school-official';
      await page.goto('/#/agreements/new');
      await expect(page.getByRole('heading', { level: 1, name: 'Agreements' })).toBeVisible();
      await page.getByLabel('Partner', { exact: true }).selectOption({ label: c.partner });
      await page.getByRole('radio', { name: new RegExp(`^${escapeRe(basisLabelStart(basis))}`) }).check();

      // Exactly the elements this basis requires are form fields, each with its rule; all listed as missing.
      const required = basisRequirements[basis];
      await expect(page.locator('.element')).toHaveCount(required.length);
      for (const el of required) {
        await expect(page.getByLabel(el.label, { exact: true })).toBeVisible();
        await expect(page.locator('.element', { has: page.getByLabel(el.label, { exact: true }) }).locator('.rule')).toHaveText(`Required by ${el.rule}`);
        await expect(completenessList(page)).toContainText(`${el.label}:`);
      }

      await fillNewAgreement(page, c, { skipElements: [c.leaveOut], skipDestroyBy: c.leaveOut === '' });
      // What is still missing: exactly the one left out, named with its rule.
      const missing = c.leaveOut ? required.find((e) => e.id === c.leaveOut)! : { label: 'destroyBy', rule: '34 CFR 99.31(a)(6)(iii)(C)(4), 99.35(a)(3)(iv); NDPA Exhibit D' };
      await expect(completenessList(page).getByRole('listitem')).toHaveCount(1);
      await expect(completenessList(page)).toContainText(missing.label);
      await expect(completenessList(page)).toContainText(missing.rule);
      await expect(completenessStatus(page)).toContainText('1 element missing or invalid');
      if (basis === 'school-official') {
        // An issue in the check takes keyboard focus to the control it is about.
        await completenessList(page).getByRole('button', { name: /^Under the district's direct control/ }).click();
        await expect(page.getByLabel("Under the district's direct control", { exact: true })).toBeFocused();
        // Minimisation hints sit beside the grants they are about, with a transform to apply where one exists.
        const localId = page.locator('tr', { has: page.getByRole('checkbox', { name: 'Local student ID', exact: true }) });
        await expect(localId.locator('.hint-note')).toContainText('a pseudonymous id lets the partner tell students apart');
        await localId.getByRole('button', { name: /^Send as pseudonymous id/ }).click();
        await expect(localId.getByLabel('How Local student ID is sent')).toHaveValue('pseudonym');
        const iep = page.locator('tr', { has: page.getByRole('checkbox', { name: 'IEP', exact: true }) });
        await expect(iep.locator('.tag-restricted')).toContainText('Restricted: flows only with consent');
        await expect(iep.locator('.hint-note')).toContainText('flows only for students whose consent covers it');
        await page.locator('fieldset.role-card').first().scrollIntoViewIfNeeded();
        await iep.scrollIntoViewIfNeeded();
        await saveScreenshot(page, 'agreement-editor-grants');
      }
      if (scan) await expectNoSeriousA11yViolations(page);
      if (shots) await saveScreenshot(page, `agreement-editor-${basis}`);

      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(page.getByRole('heading', { level: 2, name: c.title })).toBeVisible();
      const submit = page.getByRole('button', { name: 'Submit for legal review' });
      await expect(submit).toBeDisabled();
      await expect(page.getByRole('list', { name: 'What blocks submission' })).toContainText(missing.label);
      expect(versionRow(ctx, c.title)?.status).toBe('draft');
      if (shots) await saveScreenshot(page, `agreement-blocked-${basis}`);

      await page.getByRole('button', { name: 'Edit draft' }).click();
      if (c.leaveOut) await fillElement(page, basis, c.leaveOut, c.elements[c.leaveOut]!);
      else await page.getByLabel('Partner destroys the data by').fill('2027-08-31');
      await expect(completenessStatus(page)).toContainText('Complete');
      await page.getByRole('button', { name: 'Save draft' }).click();
      await expect(submit).toBeEnabled();

      const reviewer = 'Jordan Okafor, district counsel';
      await reviewApproveActivate(page, reviewer);
      const stored = versionRow(ctx, c.title)!;
      expect(stored).toMatchObject({ version: 1, status: 'active', approvedBy: reviewer });
      expect(stored.approvedHash).toBe(stored.hash);
      await expect(page.getByTestId('approval')).toContainText(stored.hash.slice(0, 16));
      if (scan) await expectNoSeriousA11yViolations(page);
      if (shots) await saveScreenshot(page, `agreement-active-${basis}`);
      if (basis === 'directory') {
        await page.getByRole('button', { name: 'Terminate this version…' }).click();
        await page.getByLabel('Reason', { exact: true }).fill('The backpack program ended early');
        await page.getByRole('button', { name: 'Terminate', exact: true }).click();
        await expect(page.locator('.status-line').first()).toContainText('Terminated');
        expect(versionRow(ctx, c.title)?.status).toBe('terminated');
      }
    });
  }
});

test.describe('versions and review', () => {
  test('editing an approved version starts version 2, which shows it needs its own approval; the diff, comments, document and supersession', async ({ page, ctx }) => {
    const content = JSON.parse(readFileSync(join(projectRoot, 'fixtures', 'agreements', 'school-official.json'), 'utf8')) as AgreementContent;
    const created = createAgreement(ctx, { content });
    const ref = { agreementId: created.agreementId, version: 1 };
    submitAgreement(ctx, ref);
    approveAgreement(ctx, { ...ref, contentHash: created.contentHash, reviewerName: 'Avery Counsel' });
    activateAgreement(ctx, ref);

    await page.goto(`/#/agreements/${created.agreementId}`);
    await page.getByRole('button', { name: 'Edit (creates version 2)' }).click();
    await expect(page.getByText('Saving creates version 2')).toBeVisible();
    const tutor = page.locator('fieldset.role-card').first();
    await grantFields(page, tutor, [{ category: 'Assessment', label: 'Reading scale score' }]);
    const math = tutor.locator('details.grant-category', { has: page.locator('summary', { hasText: 'Assessment' }) }).getByRole('checkbox', { name: 'Math performance level', exact: true });
    await math.uncheck();
    await page.getByRole('button', { name: 'Save as version 2 (draft)' }).click();

    await expect(page.getByTestId('needs-approval')).toContainText('This version changes version 1, which Avery Counsel approved');
    await expect(page.locator('.status-line').first()).toContainText('Draft');
    const diff = page.getByRole('region', { name: 'Differences between versions' });
    await expect(diff.getByRole('region', { name: 'Role tutor' })).toContainText('Added Reading scale score');
    await expect(diff.getByRole('region', { name: 'Role tutor' })).toContainText('Removed Math performance level');

    const comments = page.getByRole('region', { name: 'Reviewer comments on version 2' });
    await comments.getByLabel('About').selectOption({ label: 'Role Tutor: Reading scale score' });
    await comments.getByLabel('Comment', { exact: true }).fill('Why does the tutor need the scale score as well as the level?');
    // A comment is signed by the reviewer who writes it: no name, no comment.
    await expect(comments.getByRole('button', { name: 'Add comment' })).toBeDisabled();
    await comments.getByLabel('Reviewer’s name').fill('Jordan Okafor');
    await comments.getByRole('button', { name: 'Add comment' }).click();
    await expect(comments.getByRole('listitem')).toContainText('Jordan Okafor');
    await expect(comments.getByRole('listitem')).toContainText('about Role Tutor: Reading scale score');
    const commentAudit = ctx.db.prepare(`SELECT summary FROM audit_log WHERE action = 'agreement.comment' ORDER BY seq DESC LIMIT 1`).pluck().get() as string;
    expect(JSON.parse(commentAudit)).toMatchObject({ version: 2, reviewer: 'Jordan Okafor' });
    await comments.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'agreement-comment-signed');
    await expectNoSeriousA11yViolations(page);
    await page.getByTestId('needs-approval').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'agreement-version-2-needs-approval');
    await diff.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'agreement-version-diff');

    await reviewApproveActivate(page, 'Avery Counsel');
    const rows = ctx.db.prepare('SELECT version, status, end_reason AS reason FROM agreement_versions WHERE agreement_id = ? ORDER BY version').all(created.agreementId);
    expect(rows).toEqual([{ version: 1, status: 'terminated', reason: 'superseded by version 2' }, { version: 2, status: 'active', reason: null }]);

    // The agreement document of the version in force: generated, framed, printable.
    await page.getByRole('link', { name: 'Agreement document' }).click();
    const doc = page.frameLocator('iframe[title^="Agreement document"]');
    await expect(doc.getByRole('heading', { level: 1 })).toHaveText(content.title);
    await expect(doc.locator('body')).toContainText('34 CFR 99.31(a)(1)(i)(B)(2)');
    await expect(page.getByRole('button', { name: /Print/ })).toBeVisible();
    // axe cannot run inside the script-less sandboxed frame: check the screen around it and the document on its own.
    await expectScreenAndDocumentAccessible(page, doc);
    await saveScreenshot(page, 'agreement-document');

    await page.getByRole('link', { name: 'Agreements' }).click();
    await expect(page.getByRole('row', { name: new RegExp(content.title) })).toContainText('Version 2');
    await saveScreenshot(page, 'agreements-list');
  });
});

test.describe('expiry', () => {
  test('an agreement whose term ended is recorded as expired when the list is opened, and its page says when and why it ended', async ({ page, ctx }) => {
    const content = JSON.parse(readFileSync(join(projectRoot, 'fixtures', 'agreements', 'school-official.json'), 'utf8')) as AgreementContent;
    const ended = { ...content, title: 'Summer reading 2026 (ended)', effective: '2026-06-15', expires: '2026-08-31', destroyBy: '2026-09-30' };
    // Put in force during the summer; the page's day (2026-09-15) is after its last day.
    const summer: ServiceContext = { ...ctx, now: () => new Date('2026-07-01T12:00:00Z') };
    const created = createAgreement(summer, { content: ended });
    const ref = { agreementId: created.agreementId, version: 1 };
    submitAgreement(summer, ref);
    approveAgreement(summer, { ...ref, contentHash: created.contentHash, reviewerName: 'Avery Counsel' });
    activateAgreement(summer, ref);
    expect(versionRow(ctx, ended.title)?.status).toBe('active');

    await page.goto('/#/agreements');
    const row = page.getByRole('row', { name: new RegExp(escapeRe(ended.title)) });
    await expect(row).toContainText('Expired');
    expect(versionRow(ctx, ended.title)?.status).toBe('expired');
    expect(ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'agreement.expire' AND object_id = ?`).pluck().get(created.agreementId)).toBe(1);

    await page.goto(`/#/agreements/${created.agreementId}`);
    await expect(page.locator('.status-line').first()).toContainText('Expired');
    await expect(page.getByText('its term ended on 2026-08-31')).toBeVisible();
    await expect(page.getByText('This version has ended; nothing flows under it.')).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'agreement-expired');
  });
});

/** The start of the basis's label in the editor (its radio's accessible name begins with it). */
function basisLabelStart(basis: LegalBasis): string {
  return { consent: 'Written consent', 'school-official': 'School official', studies: 'Studies for', 'audit-evaluation': 'Audit or evaluation', directory: 'Directory information' }[basis];
}
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
