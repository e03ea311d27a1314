import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import { renderAgreementDocument, type DocumentInput } from '../../../shared/agreement/document';
import { catalogFields } from '../../../shared/catalog';
import { content } from '../policy/fixtures';

const input = (over: Partial<DocumentInput> = {}): DocumentInput => {
  const c = content({ legalBasis: 'studies', fields: [
    { field: 'student.localId', transform: 'pseudonym' }, { field: 'student.birthDate', transform: 'age' }, { field: 'student.postalCode', transform: 'zip3' },
    { field: 'assessment.readingScore', transform: 'asIs' }, { field: 'attendance.rate', transform: 'chronicFlag' },
  ] });
  c.roles.push({ id: 'analyst', label: 'Lead analyst <Research>', legitimateInterest: 'Links outcomes across years.', fields: [{ field: 'transcript.gpa', transform: 'asIs' }] });
  return {
    districtName: 'Cedar Valley Unified School District',
    partner: { name: 'Northwest Learning Research & Co', kind: 'research', contactName: 'Dr. Ada Park', contactEmail: 'ada@nwlr.example', contactPhone: null },
    agreementId: 'agr-1', version: 3, contentHash: 'a'.repeat(64), approval: { by: 'R. Counsel', at: '2026-08-20T10:00:00Z' },
    content: c, catalog: catalogFields, programNames: { 'prog-tutoring': 'Grade 3-5 reading intervention, Lincoln Elementary' }, schoolNames: {}, ...over,
  };
};

describe('the agreement document', () => {
  it('holds the parties, the basis with its required clauses, purpose, term, redisclosure notice, destruction and Exhibit B per role, escaped', () => {
    const html = renderAgreementDocument(input());
    for (const text of ['Cedar Valley Unified School District', 'Northwest Learning Research &amp; Co', 'Studies for, or on behalf of, the district',
      '99.31(a)(6)(iii)(A), (C)(3)', 'Improve instruction', 'Notice under 34 CFR 99.33', 'Disposition of data (Exhibit D)', '2027-08-31',
      'Schedule of data (NDPA Exhibit B): Tutor', 'Lead analyst &lt;Research&gt;', 'pseudonymous', 'Approved by R. Counsel']) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('<Research>');
    expect(renderAgreementDocument(input({ approval: null }))).toContain('DRAFT: not approved');
    // Every Exhibit B category is listed for every role, granted ones checked.
    expect(html.match(/class="cat"/g)!.length).toBe(22 * 2);
  });

  it('carries no inline style attributes, which the app\'s CSP (style-src with a nonce) would block in the window', () => {
    expect(renderAgreementDocument(input())).not.toMatch(/\sstyle=/i);
  });

  it('prints to PDF in Chromium: pages written as PNG under test-results/agreement-document for a person to look at', async () => {
    const out = join('test-results', 'agreement-document');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--headless'] });
    try {
      const page = await browser.newPage();
      await page.setContent(renderAgreementDocument(input()), { waitUntil: 'load' });
      const pdf = await page.pdf({ format: 'Letter', printBackground: true, preferCSSPageSize: true });
      writeFileSync(join(out, 'agreement.pdf'), pdf);
    } finally {
      await browser.close();
    }
    const text = execFileSync('pdftotext', ['-layout', join(out, 'agreement.pdf'), '-']).toString();
    expect(text).toContain('Notice under 34 CFR 99.33');
    expect(text).toContain('Schedule of data (NDPA Exhibit B): Lead analyst <Research>');
    execFileSync('pdftoppm', ['-png', '-r', '60', join(out, 'agreement.pdf'), join(out, 'page')]);
    const pages = readdirSync(out).filter((f) => f.endsWith('.png'));
    // Body, then one page (or more) per role's Exhibit B.
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });
});
