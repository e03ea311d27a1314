import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { consentForms } from '../../../main/services/consent-forms-service';
import { seedAgreement, seedDistrict } from './consent-seed';
import type { AgreementContent } from '../../../shared/agreement/types';

/**
 * Prints the forms with the real Chromium to PDF and rasterises them with pdftoppm. The PNGs stay
 * in test-results/consent-forms/ so a person can look at them (both languages).
 */
const outDir = join(__dirname, '../../../test-results/consent-forms');
let browser: Browser;
let store: TempStore;

beforeAll(async () => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}, 60_000);
afterAll(async () => { await browser?.close(); });
beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  store.ctx.db.prepare(`INSERT INTO orgs (id, name, type) VALUES ('d-1', 'Riverside Unified School District', 'district')`).run();
  seedDistrict(store.ctx, [{ id: 's1', birthDate: '2012-03-10' }, { id: 's2', birthDate: '2008-05-02' }, { id: 's3', birthDate: '2011-11-30' }]);
  seedAgreement(store.ctx, 'a-1');
});
afterEach(() => store.cleanup());

async function printToPdf(html: string, name: string): Promise<{ pdf: string; pages: number; text: string; pngs: string[] }> {
  const page = await browser.newPage();
  await page.setContent(html, { waitUntil: 'load' });
  const pdf = join(outDir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true }));
  await page.close();
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(outDir, name)]);
  return { pdf, pages, text, pngs: readdirSync(outDir).filter((f) => f.startsWith(name) && f.endsWith('.png')) };
}

describe('consent forms print to PDF with Chromium', () => {
  it('English batch: one page per student, names filled in, the itemised records and the rights readable in the PDF', async () => {
    const r = consentForms(store.ctx, { agreementId: 'a-1', language: 'en', studentIds: ['s1', 's2', 's3'] });
    expect(r.pages).toBe(3);
    const out = await printToPdf(r.html, 'batch-en');
    expect(out.pages, 'each student on exactly one page').toBe(3);
    expect(out.pngs).toHaveLength(3);
    for (const t of ['Riverside Unified School District', 'Partner One', 'Meal eligibility', 'Special indicator', 'Guardian phone', 'You may revoke', 'Signature', 'Kid Surnames1']) expect(out.text).toContain(t);
    expect(out.text).toContain('the student signs this form'); // s2 is 18
  }, 60_000);

  it('Spanish blank form prints on one page with the Spanish text', async () => {
    const r = consentForms(store.ctx, { agreementId: 'a-1', language: 'es', studentIds: [] });
    const out = await printToPdf(r.html, 'blank-es');
    expect(out.pages).toBe(1);
    for (const t of ['Consentimiento para compartir', 'Elegibilidad para comidas gratuitas', 'Usted puede revocar', 'Firma', 'Fecha']) expect(out.text).toContain(t);
  }, 60_000);

  it('Spanish batch of the students who still need a form (no ids given)', async () => {
    const r = consentForms(store.ctx, { agreementId: 'a-1', language: 'es' });
    expect(r.pages).toBe(3);
    const out = await printToPdf(r.html, 'needed-es');
    expect(out.pages).toBe(3);
    expect(out.text).toContain('el propio estudiante firma este formulario');
    const audit = store.ctx.db.prepare(`SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { action: string; summary: string };
    expect(audit.action).toBe('consent.forms.print');
    expect(audit.summary).not.toMatch(/Kid|Surname/);
  }, 60_000);

  it('the largest sample agreement (two roles, fifteen records) prints each student\'s form on one Letter page, in Spanish and in English', async () => {
    // fixtures/agreements/school-official.json, under its own partner, with the longest names a form may carry.
    const content = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/agreements/school-official.json'), 'utf8')) as AgreementContent;
    store.ctx.db.prepare(`INSERT INTO partners (id, name, kind, created_at, updated_at) VALUES (?, 'Bright Futures Tutoring and Mentoring Collaborative', 'tutoring', '2026-01-01', '2026-01-01')`).run(content.partnerId);
    seedAgreement(store.ctx, 'a-large', content);
    store.ctx.db.prepare(`UPDATE students SET first_name = 'María Guadalupe', last_name = 'Hernández-Villanueva de la Cruz' WHERE id = 's1'`).run();
    expect(content.roles.flatMap((r) => r.fields)).toHaveLength(15);
    for (const language of ['es', 'en'] as const) {
      const r = consentForms(store.ctx, { agreementId: 'a-large', language, studentIds: ['s1', 's3'] });
      const out = await printToPdf(r.html, `large-${language}`);
      expect(out.pages, `${language}: each student's form on exactly one page, signature lines included`).toBe(2);
      const firstForm = execFileSync('pdftotext', ['-f', '1', '-l', '1', out.pdf, '-'], { encoding: 'utf8' });
      expect(firstForm).toContain(language === 'es' ? 'Firma' : 'Signature');
      expect(firstForm).toContain(language === 'es' ? 'Fecha' : 'Date');
    }
  }, 60_000);

  it('refuses unknown students and unknown agreements by id', () => {
    expect(() => consentForms(store.ctx, { agreementId: 'a-1', language: 'en', studentIds: ['s1', 'ghost'] })).toThrow(/No student with id 'ghost'/);
    expect(() => consentForms(store.ctx, { agreementId: 'nope', language: 'en' })).toThrow(/No agreement with id 'nope'/);
  });
});
