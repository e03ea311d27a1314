import type { Locator, Page } from '@playwright/test';
import { expect } from './harness';
import type { ServiceContext } from '../../main/services/context';
import { designateDirectory, getDirectory } from '../../main/services/directory-service';
import { basisLabels, basisRequirements } from '../../shared/agreement/requirements';
import type { LegalBasis } from '../../shared/agreement/types';

/**
 * What the agreements and preview e2e specs do through the screens: draft an agreement in the
 * editor, read its completeness check, and take a version through review. Every step uses labels
 * a screen-reader user would hear, so the specs also check the screens are labelled.
 */

/** The district's directory designation the directory-basis agreement relies on (set by the consent screens' owner elsewhere). */
export function ensureDirectoryNotice(ctx: ServiceContext): void {
  const d = getDirectory(ctx);
  const want = ['student.firstName', 'student.lastName', 'student.school', 'student.grade'];
  if (d.designation.noticeDate && want.every((f) => d.designation.fields.includes(f))) return;
  designateDirectory(ctx, { fields: [...new Set([...d.designation.fields, ...want])], noticeDate: '2026-08-15' });
}

export interface Grant {
  /** The Exhibit B category the field is listed under. */
  category: string;
  label: string;
  /** The transform option's visible label, when not the default. */
  sentAs?: string;
}

export interface DraftSpec {
  basis: LegalBasis;
  partner: string;
  title: string;
  purpose: string;
  programs: string[];
  role: { label: string; interest?: string; grants: Grant[] };
  /** Values for the basis elements (text, choice label, or true for a clause). */
  elements: Record<string, string | true>;
}

export const completenessList = (page: Page) => page.getByRole('list', { name: 'Missing or invalid elements' });
export const completenessStatus = (page: Page) => page.locator('.completeness-status');

/** Fills one basis element by its label, whatever its kind. */
export async function fillElement(page: Page, basis: LegalBasis, id: string, value: string | true): Promise<void> {
  const el = basisRequirements[basis].find((e) => e.id === id);
  if (!el) throw new Error(`${basis} has no element ${id}`);
  const control = page.getByLabel(el.label, { exact: true });
  if (el.kind === 'affirm') await control.check();
  else if (el.kind === 'choice') await control.selectOption({ label: String(value) });
  else await control.fill(String(value));
}

/** Grants fields to the role at `roleIndex`, opening their Exhibit B categories. */
export async function grantFields(page: Page, role: Locator, grants: Grant[]): Promise<void> {
  for (const g of grants) {
    const category = role.locator('details.grant-category', { has: page.locator('summary', { hasText: g.category }) });
    if (!(await category.evaluate((d) => (d as unknown as { open: boolean }).open))) await category.locator('summary').click();
    await category.getByRole('checkbox', { name: g.label, exact: true }).check();
    if (g.sentAs) await category.getByLabel(`How ${g.label} is sent`).selectOption({ label: g.sentAs });
  }
}

/**
 * Fills the editor for a new agreement: partner, title, basis, purpose, term, scope, one role and
 * its grants, and the basis elements given (the spec may leave some out on purpose).
 */
export async function fillNewAgreement(page: Page, spec: DraftSpec, opts: { skipElements?: string[]; skipDestroyBy?: boolean } = {}): Promise<void> {
  await page.getByLabel('Partner', { exact: true }).selectOption({ label: spec.partner });
  await page.getByLabel('Title', { exact: true }).fill(spec.title);
  await page.getByRole('radio', { name: basisLabels[spec.basis].label }).check();
  await page.getByLabel('Purpose, in plain words').fill(spec.purpose);
  await page.getByLabel('Takes effect').fill('2026-08-15');
  await page.getByLabel('Expires').fill('2027-07-31');
  if (!opts.skipDestroyBy) await page.getByLabel('Partner destroys the data by').fill('2027-08-31');
  for (const p of spec.programs) await page.getByRole('checkbox', { name: new RegExp(`^${p}`) }).check();
  const role = page.locator('fieldset.role-card').first();
  await role.getByLabel('Role name').fill(spec.role.label);
  if (spec.role.interest) await role.getByLabel(/^Legitimate interest/).fill(spec.role.interest);
  await grantFields(page, role, spec.role.grants);
  for (const [id, v] of Object.entries(spec.elements)) {
    if (!opts.skipElements?.includes(id)) await fillElement(page, spec.basis, id, v);
  }
}

/** On the review screen: submit, approve as `reviewer` (bound to the hash on screen), put in force. */
export async function reviewApproveActivate(page: Page, reviewer: string): Promise<void> {
  await page.getByRole('button', { name: 'Submit for legal review' }).click();
  await expect(page.locator('.status-line').first()).toContainText('In review');
  await page.getByLabel(/Reviewer.s full name/).fill(reviewer);
  await page.getByRole('button', { name: /^Approve version \d+$/ }).click();
  await expect(page.getByTestId('approval')).toContainText(`Approved by ${reviewer}`);
  await page.getByRole('button', { name: /^Put version \d+ in force$/ }).click();
  await expect(page.locator('.status-line').first()).toContainText('Active');
}
