import { readFileSync } from 'node:fs';
import { test, expect, expectNoSeriousA11yViolations, saveScreenshot, type E2eStore } from './harness';
import { expectScreenAndDocumentAccessible, printDocumentToPdf } from './documents';
import { seedConsentAgreement, type SeededAgreement } from './agreement-setup';
import { openAsAttacker } from '../helpers/attacker';
import type { ServiceContext } from '../../main/services/context';
import { recordConsent, revokeConsent } from '../../main/services/consents-service';
import { recordDisclosures } from '../../main/services/disclosures-service';
import { listDisclosures } from '../../main/services/disclosures-query';

/**
 * The records screens on the demo district: a consent recorded and revoked and one package
 * disclosed to the partner (recorded through the disclosures service, as the export does), then
 * the audit grid, its chain check, the disclosure grid, one student's history with the parent's
 * report in English and Spanish, and the transparency report.
 */
function seedRecords(ctx: ServiceContext): { a: SeededAgreement; consentId: string; packageId: string } {
  const a = seedConsentAgreement(ctx);
  const consent = recordConsent(ctx, {
    studentId: a.student.id, signerRole: 'parent', guardianId: a.student.guardianId, partnerId: a.partnerId, agreementId: a.agreementId,
    status: 'granted', signedOn: '2026-09-01', expiresOn: null, revokedOn: null, revocationReason: null, method: 'paper-scan', esignAuthentication: null,
    evidence: { fileName: 'consent.pdf', bytes: Buffer.from('%PDF-1.4 audit e2e') },
  });
  const packageId = 'pkg-e2e-0001';
  recordDisclosures(ctx, {
    packageId, partnerId: a.partnerId, agreementId: a.agreementId, agreementVersion: a.version, role: a.roleId, legalBasis: 'consent',
    purpose: a.content.purpose, legitimateInterest: null, fields: a.content.roles[0]!.fields.map((g) => g.field), studentIds: [a.student.id],
    disclosedOn: '2026-09-10', destroyBy: a.content.destroyBy,
  });
  revokeConsent(ctx, { consentId: consent.id, revokedOn: '2026-09-14', reason: 'parent-request' });
  return { a, consentId: consent.id, packageId };
}

const count = (ctx: ServiceContext, sql: string, ...params: unknown[]) => ctx.db.prepare(sql).pluck().get(...params) as number;

/** Edits one audit row's summary in the file, as an attacker with the key would: drop the guard, update, put the guard back. */
function tamperSummary(store: E2eStore, seq: number): void {
  const db = openAsAttacker(store.path, store.key);
  try {
    const guard = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_update'`).pluck().get() as string;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET summary = json_set(summary, '$.reason', 'recorded-in-error') WHERE seq = ?`).run(seq);
    db.exec(guard);
  } finally {
    db.close();
  }
}

test.describe('audit log and disclosure records on the demo district', () => {
  test('the audit grid lists the consent actions, filters them, and Verify says the chain is intact, then names an edited row', async ({ page, ctx, store }) => {
    const { consentId } = seedRecords(ctx);
    const total = count(ctx, 'SELECT count(*) FROM audit_log');
    const consentRows = count(ctx, `SELECT count(*) FROM audit_log WHERE action GLOB 'consent.*'`);
    const fmt = (n: number) => n.toLocaleString('en-US');

    await page.goto('/#/audit');
    await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
    await expect(page.locator('.row-count')).toHaveText(`${fmt(total)} audit rows`);
    const grid = page.getByRole('grid', { name: 'Audit log' });
    await expect(grid.locator('[role="row"][row-index="0"]')).toContainText('consent.revoke');

    await page.getByLabel('Action').selectOption('consent');
    await expect(page.locator('.row-count')).toHaveText(`${fmt(consentRows)} audit rows match these filters`);
    await expect(grid).toContainText('consent.record');
    await expect(grid).toContainText('consent.revoke');
    await expect(grid).toContainText(`Revoked consent ${consentId}`);

    await page.getByRole('button', { name: 'Verify the log' }).click();
    const result = page.locator('.verify-result');
    await expect(result).toContainText('Intact.');
    await expect(result).toContainText(`The chain of ${fmt(total)} rows verifies`);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'audit-log');

    // Someone edits the revocation's audit row in the file: Verify names that row.
    const revokeSeq = count(ctx, `SELECT seq FROM audit_log WHERE action = 'consent.revoke' AND object_id = ?`, consentId);
    tamperSummary(store, revokeSeq);
    await page.getByRole('button', { name: 'Verify the log' }).click();
    await expect(result).toContainText(`Broken at row ${fmt(revokeSeq)}.`);
    await expect(result).toContainText(`Audit row ${revokeSeq} does not match its hash`);
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'audit-log-broken');
  });

  test('disclosure grid filtered by student and partner opens the history, and the parent report renders in English and Spanish', async ({ page, ctx }) => {
    const { a, packageId } = seedRecords(ctx);
    const all = listDisclosures(ctx, { offset: 0, limit: 1 }).total;
    await page.goto('/#/disclosures');
    await expect(page.getByRole('heading', { level: 1, name: 'Disclosures' })).toBeVisible();
    await expect(page.locator('.row-count')).toContainText(`${all} disclosure${all === 1 ? '' : 's'}.`);
    await page.getByLabel('Partner').selectOption(a.partnerId);
    await page.getByLabel('Student', { exact: true }).fill(a.student.localId);
    await page.getByRole('button', { name: new RegExp(`${a.student.lastName}, ${a.student.firstName}`) }).click();
    await expect(page.locator('.row-count')).toContainText('1 disclosure matches these filters');
    const grid = page.getByRole('grid', { name: 'Disclosures' });
    const row = grid.locator('[role="row"][row-index="0"]');
    await expect(row).toContainText(a.partnerName);
    await expect(row).toContainText('Written consent');
    await expect(row).toContainText('09/10/2026');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'disclosures');

    // A date range that ends before the disclosure leaves nothing.
    await page.getByLabel('To', { exact: true }).fill('2026-09-09');
    await expect(page.locator('.row-count')).toContainText('0 disclosures match these filters');
    await page.getByLabel('To', { exact: true }).fill('');
    await expect(page.locator('.row-count')).toContainText('1 disclosure matches these filters');

    await row.click();
    await expect(page.getByRole('heading', { level: 2, name: `${a.student.firstName} ${a.student.lastName}` })).toBeVisible();
    const history = page.getByRole('table').filter({ hasText: packageId });
    await expect(history).toContainText(a.partnerName);
    await expect(history).toContainText('Meal eligibility');
    await expect(history).toContainText('Written consent of the parent or eligible student');
    await expect(history).toContainText('Held by partner');
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'disclosure-history');

    const child = `${a.student.firstName} ${a.student.lastName}`;
    await page.getByRole('button', { name: 'Parent report — English' }).click();
    const en = page.getByRole('dialog', { name: 'Parent report (English)' });
    const enDoc = en.frameLocator('iframe');
    await expect(enDoc.getByRole('heading', { level: 1 })).toHaveText(`Who has received ${child}'s information`);
    await expect(enDoc.locator('body')).toContainText(a.partnerName);
    await expectScreenAndDocumentAccessible(page, enDoc);
    await saveScreenshot(page, 'parent-report-en');
    expect(await printDocumentToPdf(page, enDoc, 'parent-report-en')).toBeGreaterThanOrEqual(1);
    await en.getByRole('button', { name: 'Close' }).click();

    await page.getByRole('button', { name: 'Parent report — Spanish' }).click();
    const es = page.getByRole('dialog', { name: 'Informe para la familia (español)' });
    const esDoc = es.frameLocator('iframe');
    await expect(esDoc.getByRole('heading', { level: 1 })).toHaveText(`¿Quién ha recibido la información de ${child}?`);
    await expect(esDoc.locator('html')).toHaveAttribute('lang', 'es');
    // The dialog around it was checked with the English report; here the Spanish document itself.
    await expectScreenAndDocumentAccessible(page, esDoc, { screen: false });
    await saveScreenshot(page, 'parent-report-es');
    expect(await printDocumentToPdf(page, esDoc, 'parent-report-es')).toBeGreaterThanOrEqual(1);
    // Each report is itself logged: it discloses the record to whoever prints it.
    expect(count(ctx, `SELECT count(*) FROM audit_log WHERE action = 'disclosure.report' AND object_id = ?`, a.student.id)).toBe(2);
  });

  test('the transparency report shows every partner in force and downloads as CSV', async ({ page, ctx }) => {
    const { a } = seedRecords(ctx);
    await page.goto('/#/transparency');
    await expect(page.getByRole('heading', { level: 1, name: 'Transparency report' })).toBeVisible();
    const doc = page.frameLocator('iframe[title="District transparency report"]');
    await expect(doc.getByRole('heading', { level: 1 })).toContainText('Student data shared with partner organizations');
    await expect(doc.locator('body')).toContainText(a.partnerName);
    await expect(doc.locator('body')).toContainText(a.content.title);
    await expectScreenAndDocumentAccessible(page, doc);
    await saveScreenshot(page, 'transparency-report');
    expect(await printDocumentToPdf(page, doc, 'transparency-report')).toBeGreaterThanOrEqual(1);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toBe('transparency-report-2026-09-15.csv');
    const csv = readFileSync(await file.path(), 'utf8');
    expect(csv.split(/\r?\n/)[0]).toMatch(/^\uFEFF?Partner,Partner type,/);
    expect(csv).toContain(a.partnerName);
    await expect(page.getByText('Saved transparency-report-2026-09-15.csv.')).toBeVisible();
  });
});
