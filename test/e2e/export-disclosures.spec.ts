import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';
import { expectScreenAndDocumentAccessible } from './documents';
import { seedSchoolOfficialAgreement } from './agreement-setup';
import { attachPartnerCertificate, createIdentity } from '../../main/services/identity-service';
import { exportPackage } from '../../main/services/package-export-service';
import { listDisclosures } from '../../main/services/disclosures-query';
import { createPartnerIdentity, certificateFingerprint } from '../../main/crypto/identity';
import { getField } from '../../shared/catalog';

/**
 * Issue 6's promise to parents, end to end: after a real package export (the same service the
 * export dialog calls), the disclosure screens and the parent's report list exactly that export.
 */
test('after an export, a student\'s disclosure history and parent report list it', async ({ page, ctx }) => {
  const a = seedSchoolOfficialAgreement(ctx);
  createIdentity(ctx, {});
  const partnerIdentity = createPartnerIdentity({ organization: a.partnerName, now: ctx.now() });
  attachPartnerCertificate(ctx, { partnerId: a.partnerId, certPem: partnerIdentity.certPem, fingerprint: certificateFingerprint(partnerIdentity.certPem) });
  const out = mkdtempSync(join(tmpdir(), 'steward-e2e-disclosure-'));
  try {
    const exported = await exportPackage(ctx, { agreementId: a.agreementId, version: a.version, roleId: a.roleId, destination: out });

    // The export wrote one disclosure per student in the package; take the first one's student.
    const records = listDisclosures(ctx, { partnerId: a.partnerId, offset: 0, limit: 1 });
    expect(records.total, 'one disclosure record per exported student').toBe(exported.recordCount);
    const first = records.rows[0]!;
    expect(first.packageId).toBe(exported.packageId);
    const student = ctx.db.prepare('SELECT local_id AS localId, first_name AS firstName, last_name AS lastName FROM students WHERE id = ?').get(first.studentId) as { localId: string; firstName: string; lastName: string };

    await page.goto('/#/disclosures');
    await page.getByLabel('Partner').selectOption(a.partnerId);
    await page.getByLabel('Student', { exact: true }).fill(student.localId);
    await page.getByRole('button', { name: new RegExp(`${student.lastName}, ${student.firstName}`) }).click();
    await expect(page.locator('.row-count')).toContainText('1 disclosure matches these filters');
    await page.getByRole('grid', { name: 'Disclosures' }).locator('[role="row"][row-index="0"]').click();

    const history = page.getByRole('table').filter({ hasText: exported.packageId });
    await expect(history).toContainText(a.partnerName);
    // A field the role was granted and the policy let through for this student.
    const sentFieldLabel = getField(a.content.roles.find((r) => r.id === a.roleId)!.fields[0]!.field).label;
    await expect(history).toContainText(sentFieldLabel);
    await expect(history).toContainText('Held by partner');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'export-disclosure-history');

    const child = `${student.firstName} ${student.lastName}`;
    await page.getByRole('button', { name: 'Parent report — English' }).click();
    const en = page.getByRole('dialog', { name: 'Parent report (English)' }).frameLocator('iframe');
    await expect(en.getByRole('heading', { level: 1 })).toHaveText(`Who has received ${child}'s information`);
    await expect(en.locator('body')).toContainText(a.partnerName);
    // The report names the very package, and says the data is still held (not yet destroyed).
    await expect(en.locator('body')).toContainText(`package ${exported.packageId}`);
    await expect(en.locator('body')).toContainText('Not yet. The organization must destroy it by');
    await expectScreenAndDocumentAccessible(page, en, { screen: false });
    await saveScreenshot(page, 'export-parent-report-en');
    await page.getByRole('dialog', { name: 'Parent report (English)' }).getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Parent report — Spanish' }).click();
    const es = page.getByRole('dialog', { name: 'Informe para la familia (español)' }).frameLocator('iframe');
    await expect(es.locator('html')).toHaveAttribute('lang', 'es');
    await expect(es.locator('body')).toContainText(a.partnerName);
    await expect(es.locator('body')).toContainText(exported.packageId);
    await saveScreenshot(page, 'export-parent-report-es');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});
