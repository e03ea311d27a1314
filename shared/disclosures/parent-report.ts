import type { IsoDate } from '../util/dates';
import type { DisclosureEvent, StudentDisclosureHistory } from './types';
import { legalBasisCitation } from './legal-basis';
import { categoryName, fieldLabel, fieldsByCategory, type Lang } from './field-labels';
import { longDate, parentReportText } from './report-text';

export interface ParentReportOptions {
  lang: Lang;
  /** Today, for "may keep it until" versus "overdue" (the report reads no clock). */
  generatedOn: IsoDate;
  districtName?: string | null;
  /** Who parents should contact, e.g. "the Privacy Office, (555) 010-0100, privacy@district.org". */
  privacyContact?: string | null;
  /** Nonce for the inline style, when the HTML is shown under a CSP that requires one. */
  styleNonce?: string;
}

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const style = `
@page { size: Letter; margin: 16mm 15mm; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45; color: #111; margin: 0; }
main { max-width: 7.5in; margin: 0 auto; padding: 12px; }
header { border-bottom: 2px solid #1f3a5f; margin-bottom: 14px; padding-bottom: 8px; }
.district { font-size: 10pt; color: #1f3a5f; font-weight: bold; text-transform: uppercase; letter-spacing: .04em; margin: 0 0 4px; }
h1 { font-size: 19pt; margin: 0 0 6px; color: #1f3a5f; }
.who { margin: 0; }
.who span + span::before { content: " · "; color: #666; }
.intro { margin: 12px 0; }
.summary { font-weight: bold; background: #eef3f9; border-left: 4px solid #1f3a5f; padding: 8px 10px; margin: 12px 0 16px; }
article { border: 1px solid #b9c4d0; border-radius: 6px; padding: 10px 14px 8px; margin: 0 0 12px; break-inside: avoid; page-break-inside: avoid; }
article h2 { font-size: 13pt; margin: 0 0 6px; }
article h2 .role { font-weight: normal; font-size: 10pt; color: #444; }
dl { display: grid; grid-template-columns: 13em 1fr; gap: 3px 12px; margin: 0; }
dt { font-weight: bold; color: #333; }
dd { margin: 0; }
dd ul { margin: 0; padding-left: 1.1em; }
.cite { color: #555; font-size: 9pt; }
.en-text { font-style: italic; }
.note { font-size: 9.5pt; margin: 8px 0 0; padding: 5px 8px; background: #f6f6f6; border-radius: 4px; }
.note.idea { background: #fff4e0; }
.status-destroyed { color: #1b5e20; }
.status-overdue { color: #9a1c1c; font-weight: bold; }
.ref { font-size: 8.5pt; color: #666; margin: 6px 0 0; }
footer { border-top: 1px solid #b9c4d0; margin-top: 18px; padding-top: 8px; font-size: 9.5pt; color: #333; }
`;

function informationList(e: DisclosureEvent, lang: Lang): string {
  const groups = fieldsByCategory(e.fields).map(({ category, fields }) => {
    const labels = fields.map((f) => esc(fieldLabel(f, lang))).join(', ');
    return `<li>${category ? `<strong>${esc(categoryName(category, lang))}:</strong> ` : ''}${labels}</li>`;
  });
  return `<ul>${groups.join('')}</ul>`;
}

function statusLine(e: DisclosureEvent, o: ParentReportOptions): string {
  const t = parentReportText[o.lang];
  const last = e.destructions[e.destructions.length - 1];
  if (e.destructionState === 'destroyed' && last) {
    return `<span class="status-destroyed">${esc(t.destroyed(longDate(last.destroyedOn, o.lang), last.method, last.signedBy))}</span>`;
  }
  if (e.destructionState === 'partly-destroyed' && last) {
    const cats = e.destructions.flatMap((d) => (d.categories === 'all' ? [t.allCategories] : d.categories.map((c) => categoryName(c, o.lang))));
    return esc(t.partlyDestroyed(longDate(last.destroyedOn, o.lang), [...new Set(cats)].join(', ')));
  }
  if (e.destroyBy < o.generatedOn) return `<span class="status-overdue">${esc(t.overdue(longDate(e.destroyBy, o.lang)))}</span>`;
  return esc(t.heldUntil(longDate(e.destroyBy, o.lang)));
}

/** Free text from an agreement is in the district's language: mark it so readers and screen readers know. */
function agreementText(s: string, lang: Lang): string {
  const t = parentReportText[lang];
  return lang === 'en' ? esc(s) : `<span lang="en" class="en-text">${esc(s)}</span> <span class="cite">${esc(t.agreementLanguage)}</span>`;
}

function eventCard(e: DisclosureEvent, o: ParentReportOptions): string {
  const t = parentReportText[o.lang];
  const rows: [string, string][] = [
    [t.dateShared, esc(longDate(e.disclosedOn, o.lang))],
    [t.why, agreementText(e.purpose, o.lang)],
    ...(e.legitimateInterest ? [[t.whyNeeded, agreementText(e.legitimateInterest, o.lang)] as [string, string]] : []),
    [t.legalBasis, `${esc(t.basis[e.legalBasis])} <span class="cite">(${esc(legalBasisCitation[e.legalBasis])})</span>`],
    [t.information, informationList(e, o.lang)],
    [t.keepUntil, esc(longDate(e.destroyBy, o.lang))],
    [t.status, statusLine(e, o)],
  ];
  const idea = e.ideaFields.length ? `<p class="note idea">${esc(t.idea(e.ideaFields.map((f) => fieldLabel(f, o.lang)).join(', ')))}</p>` : '';
  return `<article data-package="${esc(e.packageId)}">
<h2>${esc(e.partnerName)} <span class="role">(${esc(t.staffRole)}: ${esc(e.role)})</span></h2>
<dl>${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
<p class="note">${esc(e.requiredBy9932 ? t.required : t.voluntary)}</p>${idea}
<p class="ref">${esc(t.reference(e.packageId, e.agreementId, e.agreementVersion))}</p>
</article>`;
}

/**
 * The printable answer to "who has received my child's data — what, when and why": one card per
 * disclosure, newest first, in plain English or Spanish, ready for Chromium's print-to-PDF.
 * Pure: the history and today's date in, a complete HTML document out.
 */
export function parentReportHtml(history: StudentDisclosureHistory, o: ParentReportOptions): string {
  const t = parentReportText[o.lang];
  const s = history.student;
  const child = `${s.firstName} ${s.lastName}`.trim() || s.localId;
  const orgs = new Set(history.events.map((e) => e.partnerId)).size;
  const summary = history.events.length ? t.summary(child, history.events.length, orgs) : t.none(child);
  const who = [`${t.studentId}: ${s.localId}`, ...(s.schoolName ? [`${t.school}: ${s.schoolName}`] : []), t.preparedOn(longDate(o.generatedOn, o.lang))];
  return `<!doctype html>
<html lang="${o.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(t.title(child))}</title>
<style${o.styleNonce ? ` nonce="${esc(o.styleNonce)}"` : ''}>${style}</style>
</head>
<body>
<main>
<header>
${o.districtName ? `<p class="district">${esc(o.districtName)}</p>` : ''}
<h1>${esc(t.title(child))}</h1>
<p class="who">${who.map((w) => `<span>${esc(w)}</span>`).join('')}</p>
</header>
<p class="intro">${esc(t.intro)}</p>
<p class="summary">${esc(summary)}</p>
${history.events.map((e) => eventCard(e, o)).join('\n')}
<footer>
${o.privacyContact ? `<p>${esc(t.questions(o.privacyContact))}</p>` : ''}
<p>${esc(t.complaint)}</p>
</footer>
</main>
</body>
</html>
`;
}
