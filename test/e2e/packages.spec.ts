import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, expectNoSeriousA11yViolations, saveScreenshot } from './harness';
import { invokeFromPage } from './page-invoke';
import { seedSchoolOfficialAgreement, type SeededAgreement } from './agreement-setup';
import type { ServiceContext } from '../../main/services/context';
import { openPartnerSide } from './partner-page';
import { attachPartnerCertificate, createIdentity, exportCertificate, pinDistrictCertificate } from '../../main/services/identity-service';
import { exportPackage } from '../../main/services/package-export-service';
import { importPackageFile } from '../../main/services/partner-workspace-service';
import { destroyAgreementRecords } from '../../main/services/partner-destruction-service';
import { formatFingerprint } from '../../shared/package/certificates';
import { csvCell } from '../../shared/util/csv-write';
import type { Cell } from '../../shared/policy/types';

/** A preview cell as the partner reads it back from records.csv (withheld: empty). */
function asReceived(c: Cell): string {
  if (c.state === 'withheld') return '';
  const cell = csvCell(c.value);
  return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

/** Both identities, and the fingerprint call: each side trusts the other's certificate as it was read aloud. */
function trustEachOther(district: ServiceContext, partner: ServiceContext, a: SeededAgreement) {
  createIdentity(district, {});
  createIdentity(partner, { organization: a.partnerName });
  const partnerCert = exportCertificate(partner, {});
  attachPartnerCertificate(district, { partnerId: a.partnerId, certPem: partnerCert.pem, fingerprint: partnerCert.fingerprint });
  const districtCert = exportCertificate(district, {});
  pinDistrictCertificate(partner, { certPem: districtCert.pem, fingerprint: districtCert.fingerprint });
  return { partnerCert, districtCert };
}

/** The partner workspace's navigation, in order: nothing of the district's. */
const partnerScreens = ['Home', 'Received packages', 'Received records', 'Destruction certificates', 'Identity and certificates', 'Audit log'];

test.describe('signed, encrypted packages between the demo district and a partner workspace', () => {
  test('the district exports a role\'s package; the partner imports it and sees exactly the previewed rows', async ({ page, ctx }) => {
    const a = seedSchoolOfficialAgreement(ctx);
    const partner = await openPartnerSide(page);
    const out = mkdtempSync(join(tmpdir(), 'steward-e2e-out-'));
    try {
      // Identities, and the fingerprint call (the screens show what is read aloud; services stand in for the typing).
      const { partnerCert, districtCert } = trustEachOther(ctx, partner.ctx, a);

      await page.goto('/#/identity');
      await expect(page.getByRole('heading', { level: 1, name: 'Identity and certificates' })).toBeVisible();
      await expect(page.getByRole('region', { name: 'District signing identity' }).getByTestId('fingerprint')).toHaveText(districtCert.fingerprint);
      await expect(page.getByRole('region', { name: a.partnerName }).getByTestId('fingerprint')).toHaveText(partnerCert.fingerprint);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'packages-district-identity');

      // The export dialog: agreement, role, destination, progress, result.
      await page.goto('/#/package-export');
      await expect(page.getByRole('heading', { level: 1, name: 'Send a package' })).toBeVisible();
      await page.getByLabel('Agreement (active version)').selectOption({ label: `${a.partnerName}: ${a.content.title} (version ${a.version})` });
      await page.getByLabel('Role').selectOption(a.roleId);
      await page.getByLabel('Save to (file or folder)').fill(out);
      await page.getByRole('button', { name: 'Export package' }).click();
      const result = page.getByRole('region', { name: 'Package written' });
      await expect(result).toBeVisible({ timeout: 60_000 });
      const preview = await invokeFromPage(page, 'preview-rows', { agreementId: a.agreementId, version: a.version, roleId: a.roleId, offset: 0, limit: 1000 });
      await expect(result.getByTestId('export-records')).toHaveText(new Intl.NumberFormat('en-US').format(preview.total));
      const [file] = readdirSync(out);
      expect(file).toMatch(new RegExp(`^${a.agreementId}_[0-9a-f-]{36}\\.sdx$`));
      const fingerprint = await result.getByTestId('export-fingerprint').textContent();
      expect(fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
      await expect(page.getByRole('table').getByRole('row')).toHaveCount(2);
      await expectNoSeriousA11yViolations(page);
      await saveScreenshot(page, 'packages-export-result');

      // The partner workspace's shell: its own screens only, and the partner named, never a district.
      await partner.page.goto('/');
      await expect(partner.page.getByRole('heading', { level: 1, name: 'Home' })).toBeVisible();
      await expect(partner.page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(partnerScreens);
      const banner = partner.page.getByRole('banner');
      await expect(banner).toContainText(`Partner organisation${a.partnerName}`);
      await expect(banner).toContainText('Partner workspace');
      await expect(banner).not.toContainText(/district store|Unnamed district/i);
      await expectNoSeriousA11yViolations(partner.page);
      await saveScreenshot(partner.page, 'packages-partner-home');
      // A district screen's address shows no district data: the screen is not there, and its channel is refused.
      await partner.page.goto('/#/students');
      await expect(partner.page.getByRole('heading', { level: 1, name: 'Not available here' })).toBeVisible();
      await expect(partner.page.getByText('This screen belongs to the district store.')).toBeVisible();
      await expect(partner.page.getByRole('grid')).toHaveCount(0);
      await expect(invokeFromPage(partner.page, 'students-list', { offset: 0, limit: 10 })).rejects.toThrow(/is done in the district store, not in a partner workspace/);

      // The partner workspace: identity, import, records.
      await partner.page.goto('/#/identity');
      await expect(partner.page.getByRole('region', { name: 'This workspace\'s identity' }).getByTestId('fingerprint')).toHaveText(partnerCert.fingerprint);
      await expect(partner.page.getByRole('region', { name: 'District' }).getByTestId('fingerprint')).toHaveText(districtCert.fingerprint);
      await saveScreenshot(partner.page, 'packages-partner-identity');

      await partner.page.goto('/#/packages-received');
      await expect(partner.page.getByText('Partner workspace')).toBeVisible();
      await partner.page.getByLabel('Package file (.sdx)').fill(join(out, file!));
      await partner.page.getByRole('button', { name: 'Import package' }).click();
      const imported = partner.page.getByRole('region', { name: 'Package imported' });
      await expect(imported).toBeVisible({ timeout: 60_000 });
      await expect(imported.getByTestId('imported-records')).toHaveText(new Intl.NumberFormat('en-US').format(preview.total));
      await expectNoSeriousA11yViolations(partner.page);
      await saveScreenshot(partner.page, 'packages-partner-imported');

      // A second import of the same file is refused in plain words, and nothing changes.
      await partner.page.getByRole('button', { name: 'Import package' }).click();
      await expect(partner.page.getByRole('alert')).toContainText('This package has already been imported. Nothing was changed.');
      await saveScreenshot(partner.page, 'packages-partner-replay-refused');

      await partner.page.getByRole('link', { name: 'View records' }).click();
      await expect(partner.page.getByRole('heading', { level: 1, name: 'Received records' })).toBeVisible();
      await expect(partner.page.getByText(`${preview.total} records, role ${a.roleId}`)).toBeVisible();
      const expected = preview.rows.map((r) => r.cells.map(asReceived));
      // What the grid shows, cell by cell, for the rows on screen...
      const grid = partner.page.getByRole('grid');
      await expect(grid.locator('.ag-row[row-index="0"]').first()).toBeVisible();
      const visible = Math.min(8, preview.total);
      for (let i = 0; i < visible; i++) {
        for (const [c, col] of preview.columns.entries()) {
          await expect(grid.locator(`.ag-row[row-index="${i}"] .ag-cell[col-id="${col.column}"]`).first()).toHaveText(expected[i]![c]!);
        }
      }
      // ...and every stored row through the records channel the grid pages from.
      const stored = await invokeFromPage(partner.page, 'partner-records-list', { packageId: (await invokeFromPage(partner.page, 'packages-list', {}))[0]!.packageId, offset: 0, limit: 1000 });
      expect(stored.columns.map((c) => c.column)).toEqual(preview.columns.map((c) => c.column));
      expect(stored.rows.map((r) => r.cells)).toEqual(expected);
      await expect(partner.page.getByRole('heading', { name: 'Data dictionary' })).toBeVisible();
      await expect(partner.page.getByRole('rowheader', { name: /student\.birthDate:age/ })).toBeVisible();
      await expectNoSeriousA11yViolations(partner.page);
      await saveScreenshot(partner.page, 'packages-partner-records');

      // Reading the records left rows in the workspace's own audit log: who, which package, which rows; no values.
      const packageId = (await invokeFromPage(partner.page, 'packages-list', {}))[0]!.packageId;
      await partner.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
      await expect(partner.page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeFocused();
      const auditGrid = partner.page.getByRole('grid', { name: 'Audit log' });
      const view = auditGrid.locator('.ag-row').filter({ hasText: `of received package ${packageId}` }).first();
      await expect(view).toContainText(new RegExp(`Viewed [\\d,]+ records? \\(rows 1–[\\d,]+\\) of received package ${packageId}: ${preview.columns.length} columns \\(agreement ${a.agreementId}, role ${a.roleId}\\)`));
      await expect(view).toContainText('app:e2e-partner');
      await expect(view).toContainText('Restricted view');
      const logged = await invokeFromPage(partner.page, 'audit-list', { offset: 0, limit: 100, action: 'received-records.view' });
      expect(logged.total).toBeGreaterThan(0);
      const values = stored.rows.flatMap((r) => r.cells).filter((c) => c.length > 3);
      for (const row of logged.rows) for (const v of values) expect(JSON.stringify(row.summary), 'an audit row holds a record value').not.toContain(v);
      await partner.page.getByRole('button', { name: 'Verify the log' }).click();
      await expect(partner.page.getByText('Intact.')).toBeVisible();
      await expectNoSeriousA11yViolations(partner.page);
      await saveScreenshot(partner.page, 'packages-partner-audit');
      expect(partner.errors, 'the partner page logged errors').toEqual([]);
    } finally {
      await partner.close();
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('each store offers only its own screens: a new partner workspace asks for its identity, the district lists no partner screen', async ({ page }) => {
    const partner = await openPartnerSide(page);
    try {
      await partner.page.goto('/');
      await expect(partner.page.getByRole('banner')).toContainText('Partner organisationNot named yet (create the identity)');
      await expect(partner.page.getByRole('link', { name: 'Identity and certificates' }).last()).toBeVisible();
      await partner.page.goto('/#/destructions');
      await expect(partner.page.getByRole('heading', { level: 1, name: 'Destruction certificates' })).toBeVisible();
      await expect(partner.page.getByText('No records have been destroyed yet.')).toBeVisible();
      await expectNoSeriousA11yViolations(partner.page);
      await partner.page.goto('/#/consents');
      await expect(partner.page.getByRole('heading', { level: 1, name: 'Not available here' })).toBeVisible();
      await expectNoSeriousA11yViolations(partner.page);
      await saveScreenshot(partner.page, 'packages-partner-district-screen-refused');
      expect(partner.errors, 'the partner page logged errors').toEqual([]);
    } finally {
      await partner.close();
    }

    await page.goto('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Students' })).toBeVisible();
    for (const name of ['Received packages', 'Received records', 'Destruction certificates']) await expect(nav.getByRole('link', { name })).toHaveCount(0);
    await page.goto('/#/packages-received');
    await expect(page.getByRole('heading', { level: 1, name: 'Not available here' })).toBeVisible();
    await expect(page.getByText('This screen belongs to a partner workspace.')).toBeVisible();
  });

  test('the partner saves a signed destruction certificate again from its screen, to the file chosen in the save dialog', async ({ page, ctx }) => {
    const a = seedSchoolOfficialAgreement(ctx);
    const partner = await openPartnerSide(page);
    const out = mkdtempSync(join(tmpdir(), 'steward-e2e-out-'));
    try {
      // Sent, imported and destroyed through the services (the screens for those are tested above).
      trustEachOther(ctx, partner.ctx, a);
      const sent = await exportPackage(ctx, { agreementId: a.agreementId, version: a.version, roleId: a.roleId, destination: out });
      await importPackageFile(partner.ctx, { filePath: sent.path });
      const destroyed = destroyAgreementRecords(partner.ctx, { agreementId: a.agreementId, signedBy: 'Dana W', filePath: out });

      await partner.page.goto('/#/destructions');
      await expect(partner.page.getByRole('heading', { level: 1, name: 'Destruction certificates' })).toBeVisible();
      const fingerprint = formatFingerprint(destroyed.certificateSha256);
      await expect(partner.page.getByTestId('destruction-fingerprint')).toHaveText(fingerprint);
      const saveButton = partner.page.getByRole('button', { name: `Save certificate… (${a.agreementId}, destroyed 2026-09-15)` });
      const status = partner.page.getByRole('status').filter({ hasText: /saved/i });

      // Cancelled: nothing is written.
      await saveButton.click();
      await expect(status).toHaveText('Not saved: no file was chosen.');

      const chosen = join(out, 'for-the-district.p7s');
      partner.saveDialog.path = chosen;
      await saveButton.click();
      const bytes = readFileSync(destroyed.path).length;
      await expect(status).toHaveText(`Saved for-the-district.p7s (${new Intl.NumberFormat('en-US').format(bytes)} bytes) to ${chosen}: the certificate signed on 2026-09-15, fingerprint as listed.`);
      const copy = readFileSync(chosen);
      expect(copy.equals(readFileSync(destroyed.path))).toBe(true);
      expect(formatFingerprint(createHash('sha256').update(copy).digest('hex'))).toBe(fingerprint);
      expect(partner.saveDialog.asked.map((q) => q.defaultName)).toEqual([`destruction_${a.agreementId}_2026-09-15.p7s`, `destruction_${a.agreementId}_2026-09-15.p7s`]);
      await expectNoSeriousA11yViolations(partner.page);
      await saveScreenshot(partner.page, 'packages-partner-destruction-saved');

      // A folder that is not there: the error says so, and no file appears.
      partner.saveDialog.path = join(out, 'gone', 'copy.p7s');
      await saveButton.click();
      const problem = partner.page.getByRole('alert');
      await expect(problem).toContainText('The certificate was not saved');
      await expect(problem).toContainText('check the folder exists');
      expect(readdirSync(out).filter((f) => f.endsWith('.p7s')).sort()).toEqual([`destruction_${a.agreementId}_2026-09-15.p7s`, 'for-the-district.p7s']);
      expect(partner.errors, 'the partner page logged errors').toEqual([]);
    } finally {
      await partner.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
