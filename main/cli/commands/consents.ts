import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command, CliIo, OptionValues } from '../types';
import { Exit } from '../types';
import { formatRows, formatOption } from '../format';
import { listOption, oneOf, pagingOptions, requiredPositional, stringOption } from './cli-input';
import { htmlToPdf } from '../../services/pdf-print';
import { StewardError } from '../../../shared/api/result';
import { listConsents, recordConsent, revokeConsent } from '../../services/consents-service';
import { importConsents } from '../../services/consent-import';
import { consentCoverage, exportNeedsForm } from '../../services/consent-coverage';
import { consentForms } from '../../services/consent-forms-service';
import { coverageFilters, type CoverageFilter, type ConsentImportReport, type ConsentListRow } from '../../../shared/api/consents-api';
import { consentMethods, revocationReasons, type ConsentMethod, type RevocationReason } from '../../../shared/consent/record';

function wholeNumber(options: OptionValues, name: string, fallback: number, min: number, max: number): number {
  const n = Number(stringOption(options, name) ?? fallback);
  if (!Number.isInteger(n) || n < min || n > max) throw new StewardError('BAD_INPUT', `--${name} must be a whole number from ${min} to ${max}.`, { field: name });
  return n;
}

/** --offset and --limit of a consent listing, each checked on its own so the error names the wrong one. */
function listingPage(options: OptionValues): { offset: number; limit: number } {
  return { offset: wholeNumber(options, 'offset', 0, 0, Number.MAX_SAFE_INTEGER), limit: wholeNumber(options, 'limit', 50, 1, 1000) };
}

function readFile(io: CliIo, path: string, what: string): { full: string; bytes: Buffer } {
  const full = resolve(io.cwd, path);
  if (!existsSync(full)) throw new StewardError('NOT_FOUND', `The ${what} ${full} does not exist: check the path.`, { file: full });
  return { full, bytes: readFileSync(full) };
}

function printImportReport(io: CliIo, r: ConsentImportReport): void {
  for (const i of r.issues) io.err(`${r.fileName}: line ${i.line}${i.column ? `, column ${i.column}` : ''}: ${i.code}: ${i.message}\n`);
  const verb = r.dryRun ? 'would store' : 'stored';
  const skipped = r.skipped.filter((s) => s.issues.length > 0).map((s) => s.line);
  if (r.mode === 'all-or-nothing' && r.issues.length) io.out(`Nothing stored: ${skipped.length} of ${r.lines} line(s) have problems. Fix them, or use --valid-lines-only.\n`);
  else io.out(`${r.dryRun ? 'Dry run: ' : ''}${verb} ${r.dryRun ? r.lines - skipped.length : r.stored} of ${r.lines} line(s)${skipped.length ? `; skipped lines ${skipped.join(', ')}` : ''}.\n`);
}

/** A consent as a list row: its field ids in one cell, separated by ; */
const listRow = (r: ConsentListRow) => ({ ...r, fields: r.fields.join(';') });
const listColumns = ['id', 'studentLocalId', 'partnerId', 'agreementId', 'purpose', 'status', 'state', 'signedOn', 'expiresOn', 'revokedOn', 'signerRole', 'method', 'fields'];

export const consentsCommands: Command[] = [
  {
    path: ['consent', 'add'],
    summary: 'Record a signed (or declined) consent with its evidence file (34 CFR 99.30)',
    store: 'district',
    options: {
      student: { type: 'string', description: 'Student id (SIS sourcedId)' },
      partner: { type: 'string', description: 'Recipient partner id' },
      agreement: { type: 'string', description: 'Agreement id (purpose and fields default from it)' },
      guardian: { type: 'string', description: 'Guardian id of the parent who signed (on record for the student)' },
      'signed-by-student': { type: 'boolean', description: 'The student signed (18 or older on the signing date)' },
      purpose: { type: 'string', description: 'Purpose code (default: the agreement\'s)' },
      fields: { type: 'string', description: 'Catalog field ids, separated by ; or , (default: every field the agreement\'s roles receive)' },
      decision: { type: 'string', description: 'granted or declined', default: 'granted' },
      signed: { type: 'string', description: 'Date signed, yyyy-mm-dd' },
      expires: { type: 'string', description: 'Last valid day, yyyy-mm-dd' },
      method: { type: 'string', description: 'paper-scan or electronic', default: 'paper-scan' },
      'esign-auth': { type: 'string', description: 'How an electronic signer was authenticated' },
      evidence: { type: 'string', description: 'The signed form (PDF, PNG, JPEG or TIFF)' },
      ...formatOption,
    },
    help: 'Example: steward consent add --student S123 --guardian G77 --partner p-readrise --agreement a-reading --signed 2026-09-03 --expires 2027-06-30 --evidence form.pdf',
    run({ options, io, ctx }) {
      const bySelf = options['signed-by-student'] === true;
      const evidencePath = stringOption(options, 'evidence');
      const file = evidencePath ? readFile(io, evidencePath, 'evidence file') : null;
      const fields = listOption(options, 'fields');
      const row = recordConsent(ctx, {
        studentId: stringOption(options, 'student', true), signerRole: bySelf ? 'eligible-student' : 'parent', guardianId: bySelf ? null : stringOption(options, 'guardian') ?? null,
        partnerId: stringOption(options, 'partner', true), agreementId: stringOption(options, 'agreement') ?? null, purpose: stringOption(options, 'purpose'), fields,
        status: oneOf(options, 'decision', ['granted', 'declined'] as const), signedOn: stringOption(options, 'signed', true), expiresOn: stringOption(options, 'expires') ?? null,
        revokedOn: null, revocationReason: null, method: oneOf<ConsentMethod>(options, 'method', consentMethods), esignAuthentication: stringOption(options, 'esign-auth') ?? null,
        evidence: file ? { fileName: basename(file.full), bytes: file.bytes } : null,
      });
      io.out(formatRows(String(options.format), listColumns, [listRow(row)], `Recorded consent ${row.id} (evidence SHA-256 ${row.evidence.sha256}).`));
      return Exit.ok;
    },
  },
  {
    path: ['consent', 'revoke'],
    summary: 'Revoke a consent from a date; the student drops out of later previews and exports',
    args: ['<consent-id>'],
    store: 'district',
    options: {
      on: { type: 'string', description: 'Date the revocation was received, yyyy-mm-dd' },
      reason: { type: 'string', description: revocationReasons.join(', '), default: 'parent-request' },
    },
    run({ positionals, options, io, ctx }) {
      const row = revokeConsent(ctx, { consentId: requiredPositional(positionals, 'consent id'), revokedOn: stringOption(options, 'on', true), reason: oneOf<RevocationReason>(options, 'reason', revocationReasons) });
      io.out(`Revoked consent ${row.id} from ${row.revokedOn}. The next package to ${row.partnerId} lists student ${row.studentId} in revocations.json.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['consent', 'import'],
    summary: 'Import consent decisions from a forms-system CSV (docs/consent-import.md)',
    args: ['<file.csv>'],
    store: 'district',
    options: {
      'evidence-dir': { type: 'string', description: 'Folder of the evidence files (default: the CSV\'s folder)' },
      'valid-lines-only': { type: 'boolean', description: 'Store the valid lines and list the skipped ones (default: all or nothing)' },
      'dry-run': { type: 'boolean', description: 'Check and report; store nothing' },
    },
    run({ positionals, options, io, ctx }) {
      const csv = readFile(io, requiredPositional(positionals, 'CSV file'), 'CSV file');
      const dir = resolve(io.cwd, stringOption(options, 'evidence-dir') ?? dirname(csv.full));
      const report = importConsents(ctx, {
        fileName: basename(csv.full), csvText: csv.bytes.toString('utf8'), mode: options['valid-lines-only'] === true ? 'valid-lines-only' : 'all-or-nothing',
        dryRun: options['dry-run'] === true,
        evidence: (name) => (existsSync(join(dir, name)) ? readFileSync(join(dir, name)) : null),
      });
      printImportReport(io, report);
      return report.issues.length && (report.mode === 'all-or-nothing' || report.dryRun) ? Exit.badInput : Exit.ok;
    },
  },
  {
    path: ['consent', 'list'],
    summary: 'List consent records (ids, never names), newest first',
    store: 'district',
    options: {
      student: { type: 'string', description: 'Only this student' }, partner: { type: 'string', description: 'Only this partner' },
      agreement: { type: 'string', description: 'Only this agreement' }, status: { type: 'string', description: 'granted, declined or revoked' },
      ...pagingOptions(50),
      ...formatOption,
    },
    run({ options, io, ctx }) {
      const status = stringOption(options, 'status') ? oneOf(options, 'status', ['granted', 'declined', 'revoked'] as const) : undefined;
      const page = listConsents(ctx, {
        ...listingPage(options),
        studentId: stringOption(options, 'student'), partnerId: stringOption(options, 'partner'), agreementId: stringOption(options, 'agreement'), status,
      });
      io.out(formatRows(String(options.format), listColumns, page.rows.map(listRow), `${page.rows.length} of ${page.total} consents`));
      return Exit.ok;
    },
  },
  {
    path: ['consent', 'coverage'],
    summary: 'Consent coverage of an agreement: who is covered, missing, expiring, turned 18',
    args: ['<agreement-id>'],
    store: 'district',
    options: {
      'as-of': { type: 'string', description: 'Judge coverage on this date (default: today)' },
      within: { type: 'string', description: 'Days ahead for "expiring soon"', default: '30' },
      filter: { type: 'string', description: coverageFilters.join(', '), default: 'all' },
      'needs-form-csv': { type: 'string', description: 'Also write the students who still need a form to this CSV file' },
      ...pagingOptions(50),
      ...formatOption,
    },
    run({ positionals, options, io, ctx }) {
      const agreementId = requiredPositional(positionals, 'agreement id');
      const within = wholeNumber(options, 'within', 30, 1, 366);
      const asOf = stringOption(options, 'as-of');
      const r = consentCoverage(ctx, {
        agreementId, asOf, expiringWithinDays: within, filter: oneOf<CoverageFilter>(options, 'filter', coverageFilters),
        ...listingPage(options),
      });
      const s = r.summary;
      if (options.format === 'table') {
        io.out(`Agreement ${agreementId} on ${r.asOf}: ${s.inScope} students in scope; ${s.complete} complete, ${s.partial} partial, ${s.missing} missing; ${s.needsForm} need a form, ${s.expiring} expiring within ${within} days, ${s.turned18} turned 18, ${s.declined} declined, ${s.revoked} revoked.\n\n`);
        io.out(formatRows('table', ['field', 'category', 'covered', 'missing'], r.perField as unknown as Record<string, unknown>[]) + '\n');
      }
      const rows = r.rows.map((x) => ({ ...x, missingFields: x.missingFields.join(';'), coveredFields: x.coveredFields.join(';') }));
      io.out(formatRows(String(options.format), ['studentId', 'localId', 'grade', 'state', 'reason', 'signer', 'lastDay', 'lastDayWhy', 'needsForm', 'missingFields'], rows, `${r.rows.length} of ${r.total} students`));
      const out = stringOption(options, 'needs-form-csv');
      if (out) {
        const csv = exportNeedsForm(ctx, { agreementId, asOf, expiringWithinDays: within });
        writeFileSync(resolve(io.cwd, out), csv.csv);
        io.err(`Wrote ${csv.count} student(s) who need a form to ${resolve(io.cwd, out)}.\n`);
      }
      return Exit.ok;
    },
  },
  {
    path: ['consent', 'form'],
    summary: 'Write printable consent request forms (HTML) for an agreement, in English or Spanish',
    args: ['<agreement-id>'],
    store: 'district',
    options: {
      lang: { type: 'string', description: 'en or es', default: 'en' },
      student: { type: 'string', description: 'A student id (repeat for a batch); default: every student who still needs a form', multiple: true },
      blank: { type: 'boolean', description: 'One blank form (no student filled in)' },
      out: { type: 'string', description: 'Output file: .pdf (printed with Chromium) or .html' },
    },
    async run({ positionals, options, io, ctx }) {
      const students = Array.isArray(options.student) ? options.student : undefined;
      const r = consentForms(ctx, { agreementId: requiredPositional(positionals, 'agreement id'), language: oneOf(options, 'lang', ['en', 'es'] as const), studentIds: options.blank === true ? [] : students });
      const out = resolve(io.cwd, stringOption(options, 'out', true));
      writeFileSync(out, out.toLowerCase().endsWith('.pdf') ? await htmlToPdf(r.html, { env: io.env }) : r.html);
      io.out(`Wrote ${r.pages} form page(s) in ${r.language === 'es' ? 'Spanish' : 'English'} to ${out}.\n`);
      return Exit.ok;
    },
  },
];
