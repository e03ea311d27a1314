import type { AgreementStatus, LegalBasis } from '../agreement/types';
import type { ExhibitBCategory } from '../catalog/exhibit-b';
import { toCsv } from '../util/csv-write';
import type { IsoDate } from '../util/dates';
import { legalBasisCitation } from './legal-basis';
import { longDate } from './report-text';

/** Whether the partner still holds data sent under the agreement (from the disclosure records). */
export type HeldDataStatus = 'none-sent' | 'held' | 'partly-destroyed' | 'destroyed';

/** One line of the public list: a partner, the agreement in force, and what data it covers. */
export interface TransparencyEntry {
  partnerName: string;
  partnerKind: string;
  commercialSubprocessors: boolean;
  agreementId: string;
  agreementTitle: string;
  version: number;
  status: AgreementStatus;
  legalBasis: LegalBasis;
  purpose: string;
  /** NDPA Exhibit B categories with the elements granted under each, in catalog order. */
  categories: { category: ExhibitBCategory; elements: string[] }[];
  roles: string[];
  effective: IsoDate;
  expires: IsoDate;
  destroyBy: IsoDate;
  dataStatus: HeldDataStatus;
}

export interface TransparencyOptions {
  asOf: IsoDate;
  districtName?: string | null;
  styleNonce?: string;
}

const basisWords: Record<LegalBasis, string> = {
  'school-official': 'School official (service under the district’s direct control)',
  consent: 'Written parental consent',
  directory: 'Directory information',
  studies: 'Study for the district (improve instruction, develop tests, student aid)',
  'audit-evaluation': 'Audit or evaluation of an education program',
};

const statusWords: Record<AgreementStatus, string> = {
  draft: 'Draft', 'in-review': 'In review', approved: 'Approved, not yet in effect', active: 'In effect', expired: 'Expired', terminated: 'Terminated',
};

const heldWords: Record<HeldDataStatus, string> = {
  'none-sent': 'No data sent yet', held: 'Partner holds data', 'partly-destroyed': 'Partly destroyed', destroyed: 'All data destroyed',
};

const esc = (s: unknown): string =>
  String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Sorted for a public page: partner name, then agreement title. */
function sorted(entries: readonly TransparencyEntry[]): TransparencyEntry[] {
  return [...entries].sort((a, b) => a.partnerName.localeCompare(b.partnerName, 'en') || a.agreementTitle.localeCompare(b.agreementTitle, 'en'));
}

export const transparencyCsvHeader = [
  'Partner', 'Partner type', 'Commercial subprocessors', 'Agreement', 'Agreement ID', 'Version', 'Status', 'Purpose', 'Legal basis', 'Legal citation',
  'Data categories (NDPA Exhibit B)', 'Data elements', 'Roles receiving data', 'Effective', 'Expires', 'Destroy by', 'Data held',
] as const;

/** The list as RFC 4180 CSV (formula-neutralised), one row per agreement. */
export function transparencyReportCsv(entries: readonly TransparencyEntry[]): string {
  return toCsv(transparencyCsvHeader, sorted(entries).map((e) => [
    e.partnerName, e.partnerKind, e.commercialSubprocessors ? 'yes' : 'no', e.agreementTitle, e.agreementId, e.version, statusWords[e.status],
    e.purpose, basisWords[e.legalBasis], legalBasisCitation[e.legalBasis], e.categories.map((c) => c.category).join('; '),
    e.categories.map((c) => `${c.category}: ${c.elements.join(', ')}`).join('; '), e.roles.join('; '), e.effective, e.expires, e.destroyBy, heldWords[e.dataStatus],
  ]));
}

const style = `
@page { size: Letter landscape; margin: 12mm; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
main { padding: 10px; }
h1 { font-size: 16pt; margin: 0 0 4px; color: #1f3a5f; }
p { margin: 4px 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #b9c4d0; padding: 4px 6px; vertical-align: top; text-align: left; }
th { background: #eef3f9; }
tr { break-inside: avoid; page-break-inside: avoid; }
td ul { margin: 0; padding-left: 1em; }
.small { color: #555; font-size: 8.5pt; }
`;

/**
 * The district's public list of data recipients (Illinois SOPPA, 105 ILCS 85/27; also what parents
 * ask for): partner, purpose, legal basis, Exhibit B data categories and elements, term, destroy-by.
 * Pure: entries in, a complete HTML document out.
 */
export function transparencyReportHtml(entries: readonly TransparencyEntry[], o: TransparencyOptions): string {
  const title = `${o.districtName ? `${o.districtName}: ` : ''}Student data shared with partner organizations`;
  const rows = sorted(entries).map((e) => `<tr>
<td><strong>${esc(e.partnerName)}</strong><br><span class="small">${esc(e.partnerKind)}${e.commercialSubprocessors ? '; uses commercial subprocessors' : ''}</span></td>
<td>${esc(e.agreementTitle)}<br><span class="small">${esc(e.agreementId)} v${e.version}: ${esc(statusWords[e.status])}</span></td>
<td>${esc(e.purpose)}</td>
<td>${esc(basisWords[e.legalBasis])}<br><span class="small">${esc(legalBasisCitation[e.legalBasis])}</span></td>
<td><ul>${e.categories.map((c) => `<li><strong>${esc(c.category)}</strong>: ${esc(c.elements.join('; '))}</li>`).join('')}</ul></td>
<td>${esc(longDate(e.effective, 'en'))} to ${esc(longDate(e.expires, 'en'))}</td>
<td>${esc(longDate(e.destroyBy, 'en'))}<br><span class="small">${esc(heldWords[e.dataStatus])}</span></td>
</tr>`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)}</title><style${o.styleNonce ? ` nonce="${esc(o.styleNonce)}"` : ''}>${style}</style></head>
<body><main>
<h1>${esc(title)}</h1>
<p>Every organization that receives student records from the district under a written agreement, what the data is for, the law that allows it, which kinds of data (named as in the National Data Privacy Agreement, Exhibit B), how long the agreement runs and by when the data must be destroyed. As of ${esc(longDate(o.asOf, 'en'))}.</p>
${entries.length === 0 ? '<p><strong>The district has no data-sharing agreements in effect.</strong></p>' : `<table>
<thead><tr><th>Partner</th><th>Agreement</th><th>Purpose</th><th>Legal basis</th><th>Data categories and elements</th><th>Term</th><th>Destroy by</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>`}
</main></body></html>
`;
}
