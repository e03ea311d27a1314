import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';
import { invokeFromPage } from './page-invoke';
import { expectScreenAndDocumentAccessible, printDocumentToPdf } from './documents';
import { seedConsentAgreement, seedSchoolOfficialAgreement, type SeededAgreement } from './agreement-setup';
import { listConsents, recordConsent, revokeConsent } from '../../main/services/consents-service';
import { consentCoverage } from '../../main/services/consent-coverage';
import { reasons } from '../../shared/policy/reasons';

/** A small real PDF header: the services sniff the type from the bytes, not the name. */
const signedForm = { name: 'signed-consent.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% scanned consent form (e2e)\n%%EOF\n') };

async function openStudent(page: Page, s: SeededAgreement['student']): Promise<void> {
  await page.goto('/#/consents');
  await expect(page.getByRole('heading', { level: 1, name: 'Consents' })).toBeVisible();
  await page.getByLabel('Student name or ID').fill(s.localId);
  await expect(page.getByText('1 student matches.')).toBeVisible();
  await page.getByRole('button', { name: new RegExp(`${s.lastName}, ${s.firstName}`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: `${s.firstName} ${s.lastName}` })).toBeVisible();
}

/** The student's preview row for the agreement's role (null: not in the preview), and the column of one field. */
async function previewCell(page: Page, a: SeededAgreement, field: string) {
  const target = { agreementId: a.agreementId, version: a.version, roleId: a.roleId };
  const rows = await invokeFromPage(page, 'preview-rows', { ...target, offset: 0, limit: 1000 });
  const col = rows.columns.findIndex((c) => c.field === field);
  expect(col, `the ${a.roleId} role is granted ${field}`).toBeGreaterThanOrEqual(0);
  const row = rows.rows.find((r) => r.studentId === a.student.id);
  const summary = await invokeFromPage(page, 'preview-summary', target);
  return { cell: row ? row.cells[col]! : null, summary };
}

const consentRow = (page: Page, partnerName: string) => page.getByRole('row').filter({ hasText: partnerName });

test.describe('consents on the demo district', () => {
  test('a consent recorded in the UI lets the case manager see meal eligibility; its revocation withholds the student with the reason', async ({ page, ctx }) => {
    const a = seedConsentAgreement(ctx);
    await openStudent(page, a.student);
    // Consent basis: without a consent the student is not in the preview at all.
    const before = await previewCell(page, a, 'indicator.mealEligibility');
    expect(before.cell).toBeNull();
    expect(before.summary.excluded.find((e) => e.code === 'NO_CONSENT')?.count).toBeGreaterThan(0);

    await expect(page.getByText(`No consent is on record for ${a.student.firstName}.`)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'consents-student');

    await page.getByRole('button', { name: 'Record a consent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a consent' });
    await expect(dialog).toBeVisible();
    const meal = dialog.getByRole('checkbox', { name: /^Meal eligibility/ });
    await expect(meal).toBeChecked();
    await expect(dialog.getByRole('group', { name: 'Special indicator' })).toContainText('Restricted');
    // The first guardian on record is the default signer; the 17-or-younger student cannot sign.
    await expect(dialog.getByRole('group', { name: 'Who signed' }).getByRole('radio').first()).toBeChecked();
    await expect(dialog.getByRole('radio', { name: /\(the student\)/ })).toBeDisabled();
    await expect(dialog.getByLabel('Date signed')).toHaveValue('2026-09-15');
    await expect(dialog.getByLabel('Expires (optional)')).toHaveValue(a.content.expires);

    // Without the signed form the services refuse, in plain words, and nothing is stored.
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Attach the signed form');
    expect(listConsents(ctx, { studentId: a.student.id, offset: 0, limit: 10 }).total).toBe(0);

    await dialog.getByLabel('Signed form or e-signature record').setInputFiles(signedForm);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'consent-record-dialog');
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText(`Consent to ${a.partnerName} recorded (in force).`)).toBeVisible();
    const row = consentRow(page, a.partnerName);
    await expect(row).toContainText('In force');
    await expect(row).toContainText('Meal eligibility');
    await expect(row).toContainText('Scanned paper form');
    await saveScreenshot(page, 'consents-student-recorded');

    // The evidence is in the store, encrypted, with its SHA-256.
    const stored = listConsents(ctx, { studentId: a.student.id, offset: 0, limit: 10 });
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.evidence).toMatchObject({ fileName: 'signed-consent.pdf', mediaType: 'application/pdf', byteSize: signedForm.buffer.length });
    expect(stored.rows[0]!.fields).toContain('indicator.mealEligibility');

    // The signed form comes back byte for byte (and the view is audited).
    const evidenceDownload = page.waitForEvent('download');
    await row.getByRole('button', { name: /^Save the signed form/ }).click();
    const evidence = await evidenceDownload;
    expect(evidence.suggestedFilename()).toBe('signed-consent.pdf');
    expect(readFileSync(await evidence.path()).equals(signedForm.buffer)).toBe(true);

    const granted = await previewCell(page, a, 'indicator.mealEligibility');
    expect(granted.cell).toEqual({ state: 'shown', value: 'free' });
    // The same on the role preview screen: one student included (the value itself is checked above; the grid virtualises its columns).
    await page.goto(`/#/preview/${a.agreementId}/${a.version}/${a.roleId}`);
    await expect(page.getByTestId('count-included')).toHaveText('1');
    await expect(page.getByRole('grid', { name: 'Rows this role would receive' }).locator('[role="row"][row-index="0"]')).toContainText(a.student.lastName);
    await saveScreenshot(page, 'consent-preview-granted');
    await openStudent(page, a.student);

    await row.getByRole('button', { name: /^Revoke consent to/ }).click();
    const revoke = page.getByRole('dialog', { name: 'Revoke consent' });
    await expect(revoke.getByLabel('Revoked on (the day the request was received)')).toHaveValue('2026-09-15');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'consent-revoke-dialog');
    await revoke.getByRole('button', { name: 'Revoke consent', exact: true }).click();
    await expect(revoke).toBeHidden();
    await expect(page.getByText(`Consent to ${a.partnerName} revoked from 09/15/2026.`)).toBeVisible();
    await expect(row).toContainText('Revoked');
    await expect(row).toContainText('The parent or guardian asked in writing');
    await saveScreenshot(page, 'consents-student-revoked');

    const after = await previewCell(page, a, 'indicator.mealEligibility');
    expect(after.cell, 'the revoked student is withheld from the preview').toBeNull();
    expect(after.summary.excluded).toContainEqual(expect.objectContaining({ code: 'CONSENT_REVOKED', count: 1 }));
    await page.goto(`/#/preview/${a.agreementId}/${a.version}/${a.roleId}`);
    await expect(page.getByTestId('count-included')).toHaveText('0');
    await expect(page.getByTestId('count-CONSENT_REVOKED')).toHaveText('1');
    await expect(page.locator('tr[data-reason="CONSENT_REVOKED"]')).toContainText(reasons.CONSENT_REVOKED.label);
    await saveScreenshot(page, 'consent-preview-revoked');
  });

  test('under a school-official agreement the tutor sees the IEP flag only while a consent itemising it is in force', async ({ page, ctx }) => {
    const a = seedSchoolOfficialAgreement(ctx);
    await openStudent(page, a.student);
    const before = await previewCell(page, a, 'indicator.iep');
    expect(before.cell).toEqual({ state: 'withheld', value: null, reason: 'IDEA_RESTRICTED' });

    await page.getByRole('button', { name: 'Record a consent' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a consent' });
    const boxes = dialog.getByRole('checkbox');
    await expect(dialog.getByRole('checkbox', { name: /^IEP/ })).toBeChecked();
    // Itemise exactly the IEP flag: untick every other record.
    for (const box of await boxes.all()) {
      const name = (await box.getAttribute('aria-label')) ?? (await box.evaluate((el) => (el as unknown as { parentElement: { textContent: string } }).parentElement.textContent));
      if (!/^IEP/.test(name.trim())) await box.uncheck();
    }
    await dialog.getByLabel('Electronic signature').check();
    await dialog.getByLabel('How the signer was authenticated').fill('parent portal login + SMS code');
    await dialog.getByLabel('Signed form or e-signature record').setInputFiles(signedForm);
    await dialog.getByRole('button', { name: 'Record consent' }).click();
    await expect(dialog).toBeHidden();
    const row = consentRow(page, a.partnerName);
    await expect(row).toContainText('In force');
    await expect(row).toContainText('Electronic signature: parent portal login + SMS code');
    expect(listConsents(ctx, { studentId: a.student.id, offset: 0, limit: 10 }).rows[0]!.fields).toEqual(['indicator.iep']);

    expect((await previewCell(page, a, 'indicator.iep')).cell).toEqual({ state: 'shown', value: true });

    await row.getByRole('button', { name: /^Revoke consent to/ }).click();
    await page.getByRole('dialog', { name: 'Revoke consent' }).getByRole('button', { name: 'Revoke consent', exact: true }).click();
    await expect(row).toContainText('Revoked');
    const after = await previewCell(page, a, 'indicator.iep');
    expect(after.cell).toEqual({ state: 'withheld', value: null, reason: 'IDEA_RESTRICTED' });
    expect(reasons.IDEA_RESTRICTED.label).toMatch(/needs a consent/);
  });

  test('coverage dashboard: counts by state, a card filters the grid, search, and the needs-form CSV', async ({ page, ctx }) => {
    const a = seedConsentAgreement(ctx);
    const scope = consentCoverage(ctx, { agreementId: a.agreementId, expiringWithinDays: 30, filter: 'all', offset: 0, limit: 1000 }).rows;
    // A realistic mix: two complete, one partial (no meal eligibility), one ending within 30 days, one revoked.
    const parents = scope.filter((r) => r.signer === 'parent' && r.studentId !== a.student.id).slice(0, 5);
    expect(parents).toHaveLength(5);
    const guardianOf = (id: string) => ctx.db.prepare('SELECT guardian_id FROM student_guardians WHERE student_id = ? ORDER BY is_primary DESC, guardian_id LIMIT 1').pluck().get(id) as string;
    const seeded = parents.map((r, i) => recordConsent(ctx, {
      studentId: r.studentId, signerRole: 'parent', guardianId: guardianOf(r.studentId), partnerId: a.partnerId, agreementId: a.agreementId,
      ...(i === 2 ? { fields: a.content.roles[0]!.fields.map((g) => g.field).filter((f) => f !== 'indicator.mealEligibility') } : {}),
      status: 'granted', signedOn: '2026-09-01', expiresOn: i === 3 ? '2026-10-01' : null, revokedOn: null, revocationReason: null,
      method: 'paper-scan', esignAuthentication: null, evidence: { fileName: `form-${i}.pdf`, bytes: Buffer.from(`%PDF-1.4 form ${i}`) },
    }));
    revokeConsent(ctx, { consentId: seeded[4]!.id, revokedOn: '2026-09-10', reason: 'parent-request' });
    const expected = consentCoverage(ctx, { agreementId: a.agreementId, expiringWithinDays: 30, filter: 'all', offset: 0, limit: 1 }).summary;
    const inScope = expected.inScope;
    expect(inScope).toBeGreaterThan(10);
    expect(expected).toMatchObject({ complete: 3, partial: 1, expiring: 1, revoked: 1 });
    await page.goto(`/#/consent-coverage/${a.agreementId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Consent coverage' })).toBeVisible();
    const scopeButton = page.getByRole('button', { name: /Students in scope/ });
    await expect(scopeButton).toContainText(String(inScope));
    await expect(page.getByRole('button', { name: /Need a form/ })).toContainText(String(expected.needsForm));
    const grid = page.getByRole('grid', { name: 'Students in scope' });
    await expect(grid.locator('[role="row"][row-index]').first()).toBeVisible();
    await expect(page.locator('.row-count')).toContainText(`${inScope} students`);
    await expect(page.getByRole('table').filter({ hasText: 'Coverage by field' }).or(page.getByRole('table').first())).toContainText('Meal eligibility');
    await expect(page.getByRole('button', { name: /Complete consent/ })).toContainText('3');
    await expect(page.getByRole('button', { name: /Partial consent/ })).toContainText('1');
    await expect(page.getByRole('button', { name: /Expiring within 30 days/ })).toContainText('1');
    await expect(page.getByRole('button', { name: /Revoked/ })).toContainText('1');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'consent-coverage');

    // A summary card filters the grid: the partial consent, missing meal eligibility.
    await page.getByRole('button', { name: /Partial consent/ }).click();
    await expect(page.getByRole('button', { name: /Partial consent/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.locator('.row-count')).toContainText('1 student · Partial consent');
    await expect(grid.locator('[role="row"][row-index]')).toHaveCount(1);
    await expect(grid.locator('[role="row"][row-index="0"]')).toContainText('Meal eligibility');
    await expect(grid.locator('[role="row"][row-index="0"]')).toContainText(parents[2]!.lastName);
    await page.getByRole('heading', { name: 'Students in scope' }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'consent-coverage-grid');
    await page.getByLabel('Show').selectOption('all');

    // Filter: search by the student's ID narrows the grid to one row.
    await page.getByLabel('Name or student ID').fill(a.student.localId);
    await expect(page.locator('.row-count')).toContainText('1 student ·');
    await expect(grid.locator('[role="row"][row-index]')).toHaveCount(1);
    await expect(grid).toContainText('Missing');
    await page.getByLabel('Name or student ID').fill('');

    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export students who need a form (CSV)' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toBe(`consent-needed-${a.agreementId}-2026-09-15.csv`);
    const csv = readFileSync(await download.path(), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toBe('student_id,local_id,last_name,first_name,school_id,grade,signer,reason,missing_fields,coverage_ends');
    expect(csv).toHaveLength(expected.needsForm + 1);
    await expect(page.getByText(`Saved ${expected.needsForm} students who still need a form`)).toBeVisible();

  });

  test('consent request forms open in a printable view, in English for the students who need one and in Spanish as a blank form', async ({ page, ctx }) => {
    const a = seedConsentAgreement(ctx);
    const needing = consentCoverage(ctx, { agreementId: a.agreementId, expiringWithinDays: 30, filter: 'needs-form', offset: 0, limit: 1 }).total;
    await page.goto(`/#/consent-coverage/${a.agreementId}`);
    await expect(page.getByRole('button', { name: /Need a form/ })).toContainText(String(needing));
    await page.getByRole('button', { name: 'Forms for students who need one' }).click();
    const formDialog = page.getByRole('dialog', { name: `Consent request forms, ${needing} pages (English)` });
    await expect(formDialog).toBeVisible();
    const en = formDialog.frameLocator('iframe');
    await expect(en.locator('body')).toContainText('Your rights');
    await expect(en.locator('body')).toContainText(a.partnerName);
    await expect(en.locator('body')).toContainText(a.student.lastName);
    // A batch of many pages: the screen is checked here, the document's own markup on the blank form below.
    await expectScreenAndDocumentAccessible(page, en, { document: false });
    await saveScreenshot(page, 'consent-forms-en');
    await formDialog.getByRole('button', { name: /^Close/ }).click();

    await page.getByLabel('Form language').selectOption('es');
    await page.getByRole('button', { name: 'Blank form' }).click();
    const es = page.getByRole('dialog', { name: 'Blank consent form (Spanish)' });
    await expect(es.frameLocator('iframe').locator('body')).toContainText('Su decisión (marque una opción)');
    await expectScreenAndDocumentAccessible(page, es.frameLocator('iframe'), { screen: false });
    await saveScreenshot(page, 'consent-forms-es');
    expect(await printDocumentToPdf(page, es.frameLocator('iframe'), 'consent-form-blank-es')).toBeGreaterThanOrEqual(1);
  });

  test('directory designation and an opt-out', async ({ page, ctx }) => {
    const s = ctx.db.prepare(`SELECT id, local_id AS localId, first_name AS firstName, last_name AS lastName FROM students WHERE status = 'active' ORDER BY local_id LIMIT 1`).get() as { id: string; localId: string; firstName: string; lastName: string };
    await page.goto('/#/directory');
    await expect(page.getByRole('heading', { level: 1, name: 'Directory information' })).toBeVisible();
    await expect(page.getByText('No designation recorded yet')).toBeVisible();
    await page.getByRole('checkbox', { name: /^First name/ }).check();
    await page.getByRole('checkbox', { name: /^Last name/ }).check();
    await page.getByLabel('Date of the annual public notice').fill('2026-08-15');
    await page.getByRole('button', { name: 'Save designation' }).click();
    await expect(page.getByText('Designation saved: 2 fields, notice given 08/15/2026.')).toBeVisible();

    await page.getByRole('button', { name: 'Record an opt-out' }).click();
    const dialog = page.getByRole('dialog', { name: 'Record a directory opt-out' });
    await dialog.getByLabel('Student name or ID').fill(s.localId);
    await dialog.getByRole('button', { name: new RegExp(`${s.lastName}, ${s.firstName}`) }).click();
    await expect(dialog.getByLabel('Requested on')).toHaveValue('2026-09-15');
    await dialog.getByRole('button', { name: 'Record opt-out' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('.row-count')).toContainText('1 opt-out in force');
    await expect(page.getByRole('row').filter({ hasText: s.localId })).toContainText('In force');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'directory');
  });
});
