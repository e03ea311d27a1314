import { exhibitBCategories, type CatalogField } from '../catalog';
import { transformDescriptions } from '../policy/transforms';
import { basisLabels, basisRequirements } from './requirements';
import type { AgreementContent, RoleGrant } from './types';

/** Everything the document shows besides the content itself (names resolved by main). */
export interface DocumentInput {
  districtName: string;
  partner: { name: string; kind: string; contactName: string | null; contactEmail: string | null; contactPhone: string | null };
  agreementId: string;
  version: number;
  contentHash: string;
  approval: { by: string; at: string } | null;
  content: AgreementContent;
  catalog: readonly CatalogField[];
  programNames: Readonly<Record<string, string>>;
  schoolNames: Readonly<Record<string, string>>;
}

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const css = `
@page { size: Letter; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Serif", Georgia, "Times New Roman", serif; font-size: 10.5pt; line-height: 1.4; color: #111; margin: 0; }
header { border-bottom: 2px solid #1f3a5f; margin-bottom: 12pt; padding-bottom: 6pt; }
h1 { font-size: 18pt; margin: 0 0 4pt; color: #1f3a5f; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; color: #1f3a5f; border-bottom: 1px solid #c8d2e0; break-after: avoid; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; break-after: avoid; }
.meta { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; color: #444; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
table { width: 100%; border-collapse: collapse; margin: 4pt 0 8pt; font-size: 9.5pt; }
th, td { border: 1px solid #b8c2d0; padding: 3pt 5pt; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
tr { break-inside: avoid; }
.box { font-family: "DejaVu Sans", Arial, sans-serif; width: 1.4em; text-align: center; }
.cat { background: #f7f9fb; font-weight: bold; }
.missing { color: #a40000; font-weight: bold; }
.notice { border: 1px solid #1f3a5f; padding: 6pt 8pt; background: #f5f8fc; break-inside: avoid; }
.draft { color: #a40000; font-weight: bold; font-family: "DejaVu Sans", Arial, sans-serif; }
.sig { display: flex; gap: 24pt; margin-top: 18pt; break-inside: avoid; }
.sig div { flex: 1; border-top: 1px solid #111; padding-top: 3pt; font-size: 9pt; }
.role { break-before: page; }
.keep { break-inside: avoid; }
.exb td, .exb th { padding: 1.5pt 4pt; font-size: 8.5pt; }
.w22 { width: 22%; } .w26 { width: 26%; } .w30 { width: 30%; }
@media screen { body { max-width: 60rem; margin: 0 auto; padding: 20px 28px 40px; } }
`;

function clauses(c: AgreementContent): string {
  const reqs = basisRequirements[c.legalBasis];
  if (reqs.length === 0) {
    return '<p>Only the types of directory information the district designated in its annual public notice are disclosed, and never for a student whose parent (or who, as an eligible student) opted out.</p>';
  }
  const rows = reqs.map((el) => {
    const v = c.basisElements[el.id];
    let body: string;
    if (el.kind === 'affirm') body = v === true ? `${esc(el.clause)}` : `<span class="missing">Missing: ${esc(el.label)}</span>`;
    else if (el.kind === 'choice') body = `${esc(el.clause)} <strong>${esc(el.choices?.find((ch) => ch.value === v)?.label ?? 'missing')}</strong>`;
    else body = `${esc(el.clause)}<br>${typeof v === 'string' && v.trim() ? esc(v) : '<span class="missing">Missing</span>'}`;
    return `<tr><td>${body}</td><td class="meta">${esc(el.rule)}</td></tr>`;
  });
  return `<table><thead><tr><th>Clause</th><th class="w26">Rule</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** NDPA Exhibit B for one role: every category, its elements checked when granted, with the transform. */
function exhibitB(role: RoleGrant, catalog: readonly CatalogField[]): string {
  const granted = new Map(role.fields.map((g) => [g.field as string, g.transform]));
  const rows: string[] = [];
  for (const cat of exhibitBCategories) {
    const fields = catalog.filter((f) => f.category === cat);
    const elements = [...new Set(fields.map((f) => f.element))];
    const any = fields.some((f) => granted.has(f.id));
    rows.push(`<tr class="cat"><td class="box">${any ? '&#9746;' : '&#9744;'}</td><td colspan="2">${esc(cat)}</td></tr>`);
    for (const el of elements) {
      const hits = fields.filter((f) => f.element === el && granted.has(f.id));
      const detail = hits.map((f) => `${esc(f.label)}${granted.get(f.id) === 'asIs' ? '' : ` <em>(${esc(transformDescriptions[granted.get(f.id)!])})</em>`}`).join('; ');
      rows.push(`<tr><td class="box">${hits.length ? '&#9746;' : '&#9744;'}</td><td>${esc(el)}</td><td>${detail}</td></tr>`);
    }
  }
  return `<table class="exb"><thead><tr><th class="box"></th><th>Category / element</th><th>Fields sent (and how)</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function scopeText(c: AgreementContent, d: DocumentInput): string {
  const parts: string[] = [];
  if (c.scope.programIds.length) parts.push(`students enrolled, on the date of each disclosure, in: ${c.scope.programIds.map((id) => esc(d.programNames[id] ?? id)).join('; ')}`);
  if (c.scope.schoolIds.length) parts.push(`attending: ${c.scope.schoolIds.map((id) => esc(d.schoolNames[id] ?? id)).join('; ')}`);
  if (c.scope.grades.length) parts.push(`in grades ${c.scope.grades.map(esc).join(', ')}`);
  return parts.length ? `${parts.join(', ')}.` : '<span class="missing">No students are in scope.</span>';
}

/**
 * The agreement document as one self-contained HTML page with print CSS (the app prints it to
 * PDF with Electron's printToPDF; tests with Chromium): parties, legal basis and its required
 * clauses, purpose, term, students covered, the redisclosure notice (99.33), destruction
 * (Exhibit D style), and each role's schedule of data in the shape of NDPA Exhibit B. Pure.
 */
export function renderAgreementDocument(d: DocumentInput): string {
  const c = d.content;
  const basis = basisLabels[c.legalBasis];
  // The document depends only on content and approval (not on the live status), so an approved
  // version's document, and its hash in package manifests, stay the same after activation.
  const approved = d.approval !== null;
  const p = d.partner;
  const roles = c.roles.map((r) => `<section class="role"><h2>Schedule of data (NDPA Exhibit B): ${esc(r.label)}</h2>
<p><strong>Role:</strong> ${esc(r.id)}. <strong>Legitimate interest:</strong> ${esc(r.legitimateInterest || 'not stated')}</p>
${exhibitB(r, d.catalog)}</section>`).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(c.title)}</title><style>${css}</style></head><body>
<header><h1>${esc(c.title)}</h1>
<div class="meta">Data-sharing agreement ${esc(d.agreementId)}, version ${d.version}${approved ? '' : ' <span class="draft">DRAFT: not approved, not in force</span>'}</div>
<div class="meta hash">Content SHA-256: ${esc(d.contentHash)}</div></header>
<h2>1. Parties</h2>
<table><tbody><tr><th class="w22">District</th><td>${esc(d.districtName)}</td></tr>
<tr><th>Partner</th><td>${esc(p.name)} (${esc(p.kind)})${p.contactName ? `<br>Contact: ${esc(p.contactName)}` : ''}${p.contactEmail ? `, ${esc(p.contactEmail)}` : ''}${p.contactPhone ? `, ${esc(p.contactPhone)}` : ''}</td></tr></tbody></table>
<h2>2. Legal basis</h2>
<p><strong>${esc(basis.label)}</strong> (${esc(basis.rule)}).</p>
${clauses(c)}
<h2>3. Purpose</h2>
<p>${esc(c.purpose)} <span class="meta">(purpose code ${esc(c.purposeCode)})</span></p>
<p>The partner uses the information only for this purpose.</p>
<h2>4. Term and students covered</h2>
<p>This agreement takes effect on <strong>${esc(c.effective)}</strong> and expires at the end of <strong>${esc(c.expires)}</strong>. It covers ${scopeText(c, d)}</p>
<h2>5. Redisclosure</h2>
<div class="notice"><p><strong>Notice under 34 CFR 99.33.</strong> The personally identifiable information from education records disclosed under this agreement may be used only for the purpose stated above, and may not be disclosed to any other party without the prior written consent of the parent or eligible student, except as 34 CFR 99.33(b) permits. A party that rediscloses in violation of this rule may be barred from receiving such information from the district for at least five years (34 CFR 99.33(e)).</p></div>
<h2>6. Disposition of data (Exhibit D)</h2>
<table><tbody><tr><th class="w30">Disposition</th><td>Complete: all categories of data received under this agreement</td></tr>
<tr><th>Method</th><td>Destroy (securely delete every copy, including backups and derived files)</td></tr>
<tr><th>Destroy by</th><td><strong>${esc(c.destroyBy)}</strong>, or earlier when the data is no longer needed for the purpose</td></tr>
<tr><th>Verification</th><td>The partner certifies the destruction in writing, dated, to the district</td></tr></tbody></table>
<div class="sig"><div>For the district: name, title, date</div><div>Destruction verified by the partner: name, date</div></div>
<section class="keep"><h2>7. Approval and signatures</h2>
<p>${d.approval ? `Approved by ${esc(d.approval.by)} on ${esc(d.approval.at.slice(0, 10))} for content SHA-256 <span class="hash">${esc(d.contentHash)}</span>.` : '<span class="draft">Not approved.</span>'} The schedules of data that follow are part of this agreement.</p>
<div class="sig"><div>For the district: name, title, date</div><div>For the partner: name, title, date</div></div></section>
${roles}
</body></html>`;
}
