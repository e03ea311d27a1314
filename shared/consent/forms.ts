import type { AgreementContent } from '../agreement/types';
import type { CatalogField, TransformKind } from '../catalog/types';
import { ageOn, type IsoDate } from '../util/dates';
import { categoryEs, fieldLabelEs, formText, transformText, type FormLanguage, type FormText } from './forms-i18n';

export type { FormLanguage } from './forms-i18n';

/** A student a form is addressed to (names are printed on the form, which goes home to the family). */
export interface FormStudent {
  id: string;
  localId: string;
  firstName: string;
  lastName: string;
  schoolName: string;
  grade: string;
  birthDate: IsoDate | null;
}

export interface ConsentFormInput {
  language: FormLanguage;
  districtName: string;
  partnerName: string;
  agreementId: string;
  agreementVersion: number | null;
  content: AgreementContent;
  catalog: readonly CatalogField[];
  /** The day the forms are printed: decides who signs (a student of 18 signs for themself). */
  formDate: IsoDate;
  /** One page per student; empty for one blank form. */
  students: readonly FormStudent[];
}

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? values[k]! : m));
}

export function formatFormDate(t: FormText, d: IsoDate): string {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  return t.formatDate(day, t.months[m - 1]!, y);
}

/** Who must sign a student's form on `formDate` (99.3 "eligible student", 99.5(a)). Unknown age: a parent. */
export function formSigner(birthDate: IsoDate | null, formDate: IsoDate): 'parent' | 'eligible-student' {
  return birthDate && ageOn(birthDate, formDate) >= 18 ? 'eligible-student' : 'parent';
}

/** A role's granted fields in catalog order with the transform each is shared with (unknown ids left out: they never flow). */
function roleRows(content: AgreementContent, catalog: readonly CatalogField[]) {
  const order = new Map(catalog.map((f, i) => [f.id, { f, i }]));
  return content.roles.map((role) => ({
    label: role.label,
    rows: role.fields
      .flatMap((g) => {
        const hit = order.get(g.field);
        return hit ? [{ field: hit.f, index: hit.i, transform: g.transform }] : [];
      })
      .sort((a, b) => a.index - b.index),
  }));
}

/** One row per Exhibit B category (catalog order), listing its records and how each is shared when altered. */
function recordsTable(t: FormText, lang: FormLanguage, rows: { field: CatalogField; transform: TransformKind }[]): string {
  const groups = new Map<string, string[]>();
  for (const { field, transform } of rows) {
    const category = lang === 'es' ? categoryEs[field.category] : field.category;
    const label = lang === 'es' ? (fieldLabelEs[field.id] ?? field.label) : field.label;
    const item = transform === 'asIs' ? esc(label) : `${esc(label)} <span class="how">(${esc(transformText[lang][transform])})</span>`;
    groups.set(category, [...(groups.get(category) ?? []), item]);
  }
  const body = [...groups].map(([category, items]) => `<tr><td>${esc(category)}</td><td>${items.join('; ')}</td></tr>`).join('');
  return `<table class="records"><thead><tr><th>${esc(t.category)}</th><th>${esc(t.record)}</th></tr></thead><tbody>${body}</tbody></table>`;
}

function line(label: string, value = ''): string {
  return `<div class="line"><span class="label">${esc(label)}</span><span class="fill">${esc(value)}</span></div>`;
}

function page(input: ConsentFormInput, t: FormText, student: FormStudent | null): string {
  const lang = input.language;
  const v = { partner: esc(input.partnerName), district: esc(input.districtName), date: esc(formatFormDate(t, input.content.expires)) };
  const signer = student ? formSigner(student.birthDate, input.formDate) : null;
  const ref = [input.agreementId, input.agreementVersion !== null ? `v${input.agreementVersion}` : null, input.content.purposeCode, student?.id ?? null]
    .filter(Boolean)
    .join(' / ');
  const roles = roleRows(input.content, input.catalog)
    .map((r) => `<div class="role"><h3>${esc(t.role)}: ${esc(r.label)}</h3>${recordsTable(t, lang, r.rows)}</div>`)
    .join('');
  const who = student
    ? `<table class="who"><tr><th>${esc(t.student)}</th><td>${esc(`${student.firstName} ${student.lastName}`)}</td><th>${esc(t.studentId)}</th><td>${esc(student.localId)}</td></tr>
       <tr><th>${esc(t.school)}</th><td>${esc(student.schoolName)}</td><th>${esc(t.grade)}</th><td>${esc(student.grade)}</td></tr></table>`
    : `<div class="who-blank">${line(t.student)}${line(t.studentId)}${line(t.school)}</div>`;
  return `<section class="page" lang="${t.lang}">
<header><div class="top"><span class="district">${esc(input.districtName)}</span><span class="refline">${esc(t.reference)}: <span class="ref">${esc(ref)}</span><br>${esc(t.returnTo)}</span></div><h1>${esc(t.title)}</h1></header>
<p>${fill(esc(t.intro), v)}</p>
${who}
<table class="facts"><tr><th>${esc(t.recipient)}</th><td><strong>${esc(input.partnerName)}</strong> &mdash; ${esc(t.agreement)}: ${esc(input.content.title)}</td></tr>
<tr><th>${esc(t.purpose)}</th><td>${esc(input.content.purpose)}${t.purposeSourceNote ? ` <span class="note">${esc(t.purposeSourceNote)}</span>` : ''}</td></tr>
<tr><th>${esc(t.duration)}</th><td>${fill(esc(t.durationText), v)}</td></tr></table>
<h2>${esc(t.records)}</h2>
<p>${fill(esc(t.recordsIntro), v)}</p>
<div class="roles">${roles}</div>
<h2>${esc(t.rights)}</h2>
<ul><li>${esc(t.rightRefuse)}</li><li>${esc(t.rightRevoke)}</li><li>${esc(t.rightCopy)}</li><li>${fill(esc(t.redisclosure), v)}</li></ul>
<h2>${esc(t.whoSigns)}</h2>
<p>${esc(t.whoSignsText)}${signer ? ` <strong>${esc(signer === 'parent' ? t.signerParent : t.signerStudent)}</strong>` : ''}</p>
<div class="decision"><h2>${esc(t.decision)}</h2><div class="options">
<p><span class="box">&#9744;</span> ${esc(t.consentYes)}</p>
<p><span class="box">&#9744;</span> ${esc(t.consentNo)}</p></div></div>
<div class="sign">${line(t.signature)}${line(t.printedName)}${signer === 'eligible-student' ? '' : line(t.relationship)}${line(t.date)}</div>
</section>`;
}

// One Letter page per student even for the largest agreement in Spanish (the longer language):
// tight margins and spacing, records in compact two-column tables, the two decisions side by side.
// test/main/services/consent-forms-print.test.ts prints it with Chromium and counts the pages.
const css = `
@page { size: Letter; margin: 10mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 8.5pt; line-height: 1.25; color: #111; margin: 0; }
.page { break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
header { border-bottom: 2px solid #1f3a5f; margin-bottom: 4pt; }
.top { display: flex; justify-content: space-between; align-items: flex-start; gap: 12pt; }
.district { font-size: 8.5pt; color: #333; }
.refline { font-size: 7pt; color: #444; text-align: right; }
h1 { font-size: 13.5pt; margin: 2pt 0 3pt; color: #1f3a5f; }
h2 { font-size: 10pt; margin: 5pt 0 1pt; color: #1f3a5f; break-after: avoid; }
h3 { font-size: 9pt; margin: 3pt 0 1pt; break-after: avoid; }
p { margin: 1pt 0 3pt; }
ul { margin: 1pt 0 3pt 12pt; padding: 0; }
table { width: calc(100% - 2px); border-collapse: collapse; margin: 1pt 0 3pt; font-size: 8pt; table-layout: fixed; }
th, td { border: 1px solid #b8c2d0; padding: 1pt 3pt; text-align: left; vertical-align: top; }
th { background: #eef2f7; }
table.who th { width: 18%; }
table.facts th { width: 24%; }
table.records { font-size: 7.5pt; line-height: 1.2; }
table.records th:first-child, table.records td:first-child { width: 36%; }
.roles { display: grid; grid-template-columns: repeat(auto-fit, minmax(45%, 1fr)); column-gap: 10pt; }
.role { break-inside: avoid; }
.how { color: #444; font-style: italic; }
tr { break-inside: avoid; }
.note { color: #555; font-style: italic; }
.decision { break-inside: avoid; }
.decision .options { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16pt; }
.decision p { font-size: 9.5pt; margin: 2pt 0; }
.box { font-size: 12pt; margin-right: 4pt; }
.sign { margin-top: 6pt; display: grid; grid-template-columns: 1fr 1fr; column-gap: 16pt; row-gap: 12pt; break-inside: avoid; }
.line { display: flex; align-items: flex-end; gap: 6pt; }
.line .label { white-space: nowrap; font-size: 8.5pt; }
.line .fill { flex: 1; border-bottom: 1px solid #111; min-height: 15pt; }
.who-blank { display: grid; grid-template-columns: 1fr 1fr 1fr; column-gap: 12pt; margin: 3pt 0; }
.ref { font-family: "DejaVu Sans Mono", monospace; }
`;

/**
 * Consent request forms for an agreement (34 CFR 99.30): the partner, the purpose, exactly the
 * records each role would receive (label, Exhibit B category, how it is shared), how long, the
 * right to refuse and to revoke, who signs, and signature and date lines. One page per student
 * (page breaks between students), or one blank form. Pure: returns a self-contained HTML page.
 */
export function renderConsentForms(input: ConsentFormInput): { html: string; pages: number } {
  const t = formText[input.language];
  const pages = input.students.length ? input.students.map((s) => page(input, t, s)) : [page(input, t, null)];
  const html = `<!doctype html>
<html lang="${t.lang}"><head><meta charset="utf-8"><title>${esc(t.title)}</title><style>${css}</style></head>
<body>
${pages.join('\n')}
</body></html>`;
  return { html, pages: pages.length };
}
