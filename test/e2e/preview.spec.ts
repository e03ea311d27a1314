import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';
import type { ServiceContext } from '../../main/services/context';
import { createAgreement, updateAgreement } from '../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../main/services/agreement-review';
import { previewRecords, previewRows, previewSummary } from '../../main/services/preview-service';
import type { AgreementContent } from '../../shared/agreement/types';
import { reasons } from '../../shared/policy/reasons';
import { projectRoot } from './demo-cache';
import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';

/**
 * The role preview on the demo district, over an agreement put in force through the services
 * (fixtures/agreements/school-official.json: Bright Futures Tutoring, tutor and site coordinator):
 * the field list, the rows with withheld cells and their reasons, the counts, comparisons,
 * reviewer mode, and "Save as CSV" giving the export's bytes.
 */

function seedActive(ctx: ServiceContext): { agreementId: string; content: AgreementContent } {
  const content = JSON.parse(readFileSync(join(projectRoot, 'fixtures', 'agreements', 'school-official.json'), 'utf8')) as AgreementContent;
  const created = createAgreement(ctx, { content });
  const ref = { agreementId: created.agreementId, version: 1 };
  submitAgreement(ctx, ref);
  approveAgreement(ctx, { ...ref, contentHash: created.contentHash, reviewerName: 'Avery Counsel' });
  activateAgreement(ctx, ref);
  return { agreementId: created.agreementId, content };
}

const grid = (page: Page) => page.getByRole('grid', { name: 'Rows this role would receive' });
const num = async (page: Page, testId: string) => Number((await page.getByTestId(testId).innerText()).replace(/,/g, ''));

test.describe('role preview', () => {
  test('the tutor role: field decisions, withheld cells with reason and rule, counts that add up, CSV equal to the export', async ({ page, ctx, store, calls, saveDialog }) => {
    const { agreementId } = seedActive(ctx);
    const target = { agreementId, version: 1, roleId: 'tutor' };
    const expected = previewSummary(ctx, target);
    expect(expected.included).toBeGreaterThan(0);

    await page.goto(`/#/preview/${agreementId}/1/tutor`);
    await expect(page.getByRole('heading', { level: 2, name: /Tutor · Bright Futures Tutoring · version 1/ })).toBeVisible();

    // (c) counts: included plus every exclusion reason equals the students considered, as the engine says.
    await expect(page.getByTestId('count-included')).toHaveText(expected.included.toLocaleString('en-US'));
    const excluded = await Promise.all(expected.excluded.map((e) => num(page, `count-${e.code}`)));
    expect(excluded).toEqual(expected.excluded.map((e) => e.count));
    expect(await num(page, 'count-included') + excluded.reduce((a, b) => a + b, 0)).toBe(await num(page, 'count-considered'));
    expect(await num(page, 'count-considered')).toBe(expected.considered);

    // (a) the field list: the IEP flag is restricted and withheld without consent, with its rule.
    const iepRow = page.locator('tr[data-column="indicator.iep"]');
    await expect(iepRow).toContainText('IDEA_RESTRICTED');
    await expect(iepRow).toContainText(reasons.IDEA_RESTRICTED.citation);
    await expect(page.locator('tr[data-column="student.birthDate:age"]')).toContainText('Transformed');

    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'preview-tutor');

    // (b) the rows: a withheld cell says so in words with its code, and its rule on hover and on focus.
    const withheld = grid(page).locator('[col-id="indicator.iep"] .cell-withheld').first();
    await expect(withheld).toContainText('Withheld');
    await expect(withheld).toContainText('IDEA_RESTRICTED');
    await expect(withheld).toHaveAttribute('title', `${reasons.IDEA_RESTRICTED.label}. Rule: ${reasons.IDEA_RESTRICTED.citation}`);
    await withheld.click();
    await expect(page.locator('#cell-detail')).toContainText(`withheld, IDEA_RESTRICTED: ${reasons.IDEA_RESTRICTED.label}. Rule: ${reasons.IDEA_RESTRICTED.citation}`);
    // The first row is the engine's first row, transformed values included.
    const first = previewRows(ctx, { ...target, offset: 0, limit: 1 }).rows[0]!;
    const firstRow = grid(page).locator('[row-index="0"]');
    const ageCol = expected.fields.findIndex((f) => f.column === 'student.birthDate:age');
    await expect(firstRow.locator('[col-id="student.localId:pseudonym"]')).toHaveText(String(first.cells[0]!.value));
    await expect(firstRow.locator('[col-id="student.birthDate:age"]')).toHaveText(String(first.cells[ageCol]!.value));
    await page.getByRole('heading', { name: 'Rows this role would receive' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'preview-tutor-rows');

    // Save as CSV: the services write the very bytes the export's records.csv holds to the file chosen in the save dialog.
    const calledBefore = calls.length;
    await page.getByRole('button', { name: 'Save as CSV' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Not saved: no file was chosen.' })).toBeVisible();
    expect(existsSync(join(dirname(store.path), 'saved'))).toBe(false);
    const chosen = join(dirname(store.path), 'saved', 'tutor rows.csv');
    mkdirSync(dirname(chosen));
    saveDialog.path = chosen;
    await page.getByRole('button', { name: 'Save as CSV' }).click();
    const records = Buffer.from([...previewRecords(ctx, { ...target, asOf: '2026-09-15', purpose: 'preview' })].join(''), 'utf8');
    await expect(page.getByRole('status').filter({ hasText: `Saved ${expected.included.toLocaleString('en-US')} rows (${records.length.toLocaleString('en-US')} bytes) to ${chosen}` })).toBeVisible();
    expect(saveDialog.asked.map((a) => a.defaultName)).toEqual([`preview-${agreementId}-v1-tutor-2026-09-15.csv`, `preview-${agreementId}-v1-tutor-2026-09-15.csv`]);
    expect(readFileSync(chosen).equals(records)).toBe(true);
    expect(readdirSync(dirname(chosen))).toEqual(['tutor rows.csv']);
    // Only the request crossed to the services, never a path from the window or the file's text back.
    expect(calls.slice(calledBefore).map((c) => c.channel)).toEqual(['preview-save-csv', 'preview-save-csv']);
    expect(calls.slice(calledBefore).every((c) => !('filePath' in (c.args as object)))).toBe(true);
    await page.getByRole('heading', { name: 'Rows this role would receive' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'preview-saved-csv');
  });

  test('compares the tutor with the site coordinator, and version 1 with a draft version 2 that is not in force', async ({ page, ctx }) => {
    const { agreementId, content } = seedActive(ctx);
    const changed: AgreementContent = structuredClone(content);
    const tutor = changed.roles.find((r) => r.id === 'tutor')!;
    tutor.fields = tutor.fields.filter((f) => f.field !== 'assessment.mathLevel');
    tutor.fields.push({ field: 'assessment.readingScore', transform: 'asIs' });
    updateAgreement(ctx, { agreementId, version: 1, content: changed });

    await page.goto(`/#/preview/${agreementId}/1/tutor`);
    const compare = page.getByRole('region', { name: 'Compare' });
    await compare.getByLabel('Other role', { exact: true }).selectOption({ label: 'Site coordinator' });
    const fields = compare.getByTestId('compare-fields');
    await expect(fields.locator('tr[data-change="added"]', { hasText: 'Last name' })).toContainText('Only Site coordinator');
    await expect(fields.locator('tr[data-change="removed"]', { hasText: 'Reading performance level' })).toContainText('Only Tutor');
    await expect(compare).toContainText(/in both/);
    await compare.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'preview-compare-roles');

    await compare.getByRole('radio', { name: 'another version, same role' }).check();
    await compare.getByLabel('Other version', { exact: true }).selectOption({ label: 'Version 2' });
    await expect(fields.locator('tr[data-change="added"]', { hasText: 'Reading scale score' })).toBeVisible();
    await expect(fields.locator('tr[data-change="removed"]', { hasText: 'Math performance level' })).toBeVisible();

    // The draft itself previews as it would run, clearly marked as not in force.
    await page.getByLabel('Version', { exact: true }).selectOption({ label: 'Version 2 (draft)' });
    await expect(page.getByRole('note').filter({ hasText: 'Not in force' })).toContainText(reasons.AGREEMENT_NOT_APPROVED.label);
  });

  test('reviewer mode: a clear banner, synthetic values, the real decisions, and no real student name on the page', async ({ page, ctx }) => {
    const { agreementId } = seedActive(ctx);
    const target = { agreementId, version: 1, roleId: 'site-coordinator' };
    const firstId = previewRows(ctx, { ...target, offset: 0, limit: 1 }).rows[0]!.studentId!;
    const real = ctx.db.prepare('SELECT first_name AS first, last_name AS last FROM students WHERE id = ?').get(firstId) as { first: string; last: string };

    await page.goto(`/#/preview/${agreementId}/1/site-coordinator`);
    const firstRow = grid(page).locator('[row-index="0"]');
    await expect(firstRow.locator('[col-id="student.firstName"]')).toHaveText(real.first);
    await expect(firstRow.locator('[col-id="student.lastName"]')).toHaveText(real.last);

    await page.getByRole('checkbox', { name: 'Reviewer mode (synthetic values)' }).check();
    await expect(page.getByRole('note', { name: 'Reviewer mode' })).toContainText('no real student data on this screen');
    await expect(firstRow.locator('[col-id="student.lastName"]')).toHaveText(/^(Student|Learner|Pupil|Scholar|Reader|Writer|Thinker|Maker) 1$/);
    // The same decisions: the counts do not change.
    await expect(page.getByTestId('count-included')).toHaveText(previewSummary(ctx, target).included.toLocaleString('en-US'));
    await expect(grid(page).locator('.ag-row-loading')).toHaveCount(0);
    const text = await page.locator('body').innerText();
    expect(text).not.toContain(real.first);
    expect(text).not.toContain(`${real.first} ${real.last}`);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'preview-reviewer-mode');
    await page.getByRole('heading', { name: 'Rows this role would receive' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'preview-reviewer-rows');
  });
});
