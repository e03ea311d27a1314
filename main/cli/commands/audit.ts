import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { CliIo, Command, OptionValues } from '../types';
import { Exit } from '../types';
import { formatOption, formatRows } from '../format';
import { auditFacets, listAudit, verifyAudit } from '../../services/audit-service';
import { disclosureHistory, listDisclosures } from '../../services/disclosures-query';
import { disclosureReport, transparencyReport } from '../../services/disclosure-reports';
import { htmlToPdf } from '../../services/pdf-print';
import { AuditQuery, AuditVerifyArgs, DisclosureQuery } from '../../../shared/api/audit-api';
import { StewardError } from '../../../shared/api/result';
import { stringOption } from './cli-input';

/** Validates CLI options with the channel's own zod schema, naming the option on error. */
function parseWith<S extends z.ZodType>(schema: S, value: unknown, optionName: (field: string) => string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = optionName(issue?.path.join('.') ?? '');
  throw new StewardError('BAD_INPUT', `--${field}: ${issue?.message ?? 'invalid value'}. See --help.`, { field });
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
/** A number option left for the channel's zod schema to range-check (so its message names the option). */
function int(o: OptionValues, k: string): number | undefined {
  const v = stringOption(o, k);
  return v === undefined ? undefined : Number(v);
}

const pageOptions = {
  limit: { type: 'string', description: 'At most this many rows (1-1000)', default: '50' },
  offset: { type: 'string', description: 'Skip this many rows', default: '0' },
  from: { type: 'string', description: 'From this date (yyyy-mm-dd, included)' },
  to: { type: 'string', description: 'To this date (yyyy-mm-dd, included)' },
} as const;

/** Writes a document to --out, or prints it; a PDF needs a file. */
async function emit(io: CliIo, out: string | undefined, doc: { content: string; fileName: string }, format: string): Promise<void> {
  if (format === 'pdf') {
    const file = resolve(io.cwd, out ?? doc.fileName.replace(/\.html$/, '.pdf'));
    writeFileSync(file, await htmlToPdf(doc.content, { env: io.env }));
    io.out(`Wrote ${file}\n`);
  } else if (out) {
    const file = resolve(io.cwd, out);
    writeFileSync(file, doc.content);
    io.out(`Wrote ${file}\n`);
  } else {
    io.out(doc.content);
  }
}

function choice(o: OptionValues, k: string, allowed: readonly string[]): string {
  const v = String(o[k]);
  if (!allowed.includes(v)) throw new StewardError('BAD_INPUT', `--${k} must be one of ${allowed.join(', ')} (got '${v}').`, { field: k });
  return v;
}

/** Like formatRows' table, but the description (the column people read) is never cut short. */
function auditTable(rows: Record<string, string | number>[], footer: string): string {
  const cols = ['seq', 'at', 'actor', 'action', 'object'];
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => (i < cols.length ? v.padEnd(widths[i]!) : v)).join('  ').trimEnd();
  return [line([...cols, 'description']), line([...widths.map((w) => '-'.repeat(w)), '-----------']), ...rows.map((r) => line([...cols.map((c) => String(r[c])), String(r.description)])), '', footer].join('\n') + '\n';
}

export const auditCommands: Command[] = [
  {
    path: ['audit', 'list'],
    summary: 'List the audit log, newest first (filter by actor, action, object, dates)',
    store: 'district',
    options: {
      ...formatOption, ...pageOptions,
      actor: { type: 'string', description: 'Only this actor (e.g. cli:maria)' },
      action: { type: 'string', description: "An action (package.export) or a noun for all its verbs (package); restricted-fields.view lists views of restricted fields" },
      'object-type': { type: 'string', description: 'Only this object type (partner, agreement, package, student ...)' },
      'object-id': { type: 'string', description: 'Only this object id' },
      student: { type: 'string', description: 'Only entries about this student id (views of their restricted fields, consents, reports ...)' },
      oldest: { type: 'boolean', description: 'Oldest first' },
      facets: { type: 'boolean', description: 'List the actors, actions and object types present instead' },
    },
    run({ options, io, ctx }) {
      if (options.facets) {
        const f = auditFacets(ctx);
        io.out(`Actors: ${f.actors.join(', ')}\nActions: ${f.actions.join(', ')}\nObject types: ${f.objectTypes.join(', ')}\n`);
        return Exit.ok;
      }
      const q = parseWith(AuditQuery, {
        offset: int(options, 'offset'), limit: int(options, 'limit'), actor: stringOption(options, 'actor'), action: stringOption(options, 'action'),
        objectType: stringOption(options, 'object-type'), objectId: stringOption(options, 'object-id'), studentId: stringOption(options, 'student'), from: stringOption(options, 'from'), to: stringOption(options, 'to'),
        order: options.oldest ? 'oldest' : 'newest',
      }, (f) => (f === 'studentId' ? 'student' : kebab(f)));
      const page = listAudit(ctx, q);
      const rows = page.rows.map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, action: r.action, object: `${r.objectType}${r.objectId ? ` ${r.objectId}` : ''}`, description: r.description }));
      const format = String(options.format);
      const footer = `${page.rows.length} of ${page.total} audit rows`;
      if (format === 'json') io.out(JSON.stringify(page.rows, null, 2) + '\n');
      else if (format === 'table') io.out(auditTable(rows, footer));
      else io.out(formatRows(format, ['seq', 'at', 'actor', 'action', 'object', 'description'], rows, footer));
      return Exit.ok;
    },
  },
  {
    path: ['audit', 'verify'],
    summary: 'Check the hash chain of the audit log; names the first edited, deleted, inserted or reordered row',
    store: 'district',
    options: {
      anchor: { type: 'string', description: 'A head noted earlier, SEQ:HASH: also catches rows removed from the end or a re-hashed log' },
      json: { type: 'boolean', description: 'Print the result as JSON' },
    },
    help: 'Exit code 0 when the chain is intact and the append-only guards are in place, 1 otherwise.\nNote the printed head (SEQ:HASH) somewhere outside this computer and pass it as --anchor later.',
    run({ options, io, ctx }) {
      const a = stringOption(options, 'anchor');
      const m = a === undefined ? null : /^(\d+):([0-9a-f]{64})$/.exec(a);
      if (a !== undefined && !m) throw new StewardError('BAD_INPUT', '--anchor must be SEQ:HASH, e.g. 1200:<64 hex digits>, as printed by an earlier verify.', { field: 'anchor' });
      const args = parseWith(AuditVerifyArgs, m ? { anchor: { seq: Number(m[1]), hash: m[2] } } : {}, kebab);
      const r = verifyAudit(ctx, args.anchor ? { anchor: args.anchor } : {});
      if (options.json) {
        io.out(JSON.stringify(r, null, 2) + '\n');
      } else {
        const checked = `${r.checked.toLocaleString('en-US')} row(s) checked in ${(r.millis / 1000).toFixed(1)} s`;
        if (r.firstBad) io.err(`Audit log BROKEN at row ${r.firstBad.seq} (${r.firstBad.kind}): ${r.firstBad.message}\n${checked}.\n`);
        if (!r.guards.intact) io.err(`The append-only guards of the audit log are missing (${r.guards.missing.join(', ')}): the database schema was changed outside Steward.\n`);
        if (r.ok) io.out(`Audit log intact: ${checked}.\n${r.head ? `Head: ${r.head.seq}:${r.head.hash}\n(Keep this line somewhere safe; pass it as --anchor to later checks.)\n` : 'The log is empty.\n'}`);
      }
      return r.ok ? Exit.ok : Exit.failure;
    },
  },
  {
    path: ['disclosures'],
    summary: "A student's disclosure history: the parent report (html or pdf, English or Spanish) or json",
    store: 'district',
    options: {
      student: { type: 'string', description: 'The student id (sourcedId)' },
      format: { type: 'string', description: 'html, pdf or json', default: 'html' },
      lang: { type: 'string', description: 'en or es (report language)', default: 'en' },
      out: { type: 'string', description: 'Write to this file (pdf: default disclosures-<local id>-<lang>.pdf)' },
    },
    help: 'PDF output prints the report with a Chromium-based browser (set STEWARD_CHROMIUM to choose one).\nProducing the report is recorded in the audit log.',
    async run({ options, io, ctx }) {
      const studentId = stringOption(options, 'student');
      if (!studentId) throw new StewardError('BAD_INPUT', '--student is required: the student id whose disclosures to report.', { field: 'student' });
      const format = choice(options, 'format', ['html', 'pdf', 'json']);
      const lang = choice(options, 'lang', ['en', 'es']) as 'en' | 'es';
      if (format === 'json') {
        await emit(io, stringOption(options, 'out'), { content: JSON.stringify(disclosureHistory(ctx, studentId), null, 2) + '\n', fileName: '' }, 'json');
        return Exit.ok;
      }
      await emit(io, stringOption(options, 'out'), disclosureReport(ctx, { studentId, lang }), format);
      return Exit.ok;
    },
  },
  {
    path: ['disclosures', 'list'],
    summary: 'List disclosure records (one per student per package), newest first',
    store: 'district',
    options: {
      ...formatOption, ...pageOptions,
      student: { type: 'string', description: 'Only this student id' },
      partner: { type: 'string', description: 'Only this partner id' },
      agreement: { type: 'string', description: 'Only this agreement id' },
      package: { type: 'string', description: 'Only this package id' },
    },
    run({ options, io, ctx }) {
      const q = parseWith(DisclosureQuery, {
        offset: int(options, 'offset'), limit: int(options, 'limit'), studentId: stringOption(options, 'student'), partnerId: stringOption(options, 'partner'),
        agreementId: stringOption(options, 'agreement'), packageId: stringOption(options, 'package'), from: stringOption(options, 'from'), to: stringOption(options, 'to'),
      }, (f) => ({ studentId: 'student', partnerId: 'partner', agreementId: 'agreement', packageId: 'package' })[f] ?? f);
      const page = listDisclosures(ctx, q);
      const columns = ['disclosedOn', 'studentLocalId', 'partnerName', 'role', 'legalBasis', 'fieldCount', 'requiredBy9932', 'ideaCovered', 'destroyBy', 'destructionState', 'packageId'];
      io.out(formatRows(String(options.format), columns, page.rows as unknown as Record<string, unknown>[], `${page.rows.length} of ${page.total} disclosure records`));
      return Exit.ok;
    },
  },
  {
    path: ['transparency-report'],
    summary: 'The district transparency report (Illinois SOPPA list of recipients) as html, pdf or csv',
    store: 'district',
    options: {
      format: { type: 'string', description: 'html, pdf or csv', default: 'html' },
      'as-of': { type: 'string', description: 'As of this date (yyyy-mm-dd; default today)' },
      out: { type: 'string', description: 'Write to this file (pdf: default transparency-report-<date>.pdf)' },
    },
    async run({ options, io, ctx }) {
      const format = choice(options, 'format', ['html', 'pdf', 'csv']);
      const args = parseWith(AuditQuery.pick({ from: true }), { from: stringOption(options, 'as-of') }, () => 'as-of');
      const doc = transparencyReport(ctx, { format: format === 'csv' ? 'csv' : 'html', asOf: args.from });
      await emit(io, stringOption(options, 'out'), doc, format);
      return Exit.ok;
    },
  },
];
