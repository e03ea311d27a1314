import type { Command } from '../types';
import { Exit } from '../types';
import { formatRows } from '../format';
import { dateOption, intOption, stringOption } from './cli-input';
import { openRecords, previewRows, previewSummary } from '../../services/preview-service';
import { loadVersionRow } from '../../services/agreement-store';
import { appendAudit } from '../../services/audit-log';
import { inTransaction } from '../../db/sql';
import { StewardError } from '../../../shared/api/result';
import type { PreviewSummary } from '../../../shared/api/preview-api';

function summaryText(s: PreviewSummary): string {
  return [
    `Agreement ${s.agreementId} v${s.version} (${s.status}), role ${s.roleId}, basis ${s.legalBasis}, as of ${s.asOf}${s.reviewer ? ', reviewer mode (synthetic values)' : ''}`,
    ...(s.notInForce ? [`NOT IN FORCE: ${s.notInForce.label} [${s.notInForce.code}; ${s.notInForce.citation}]`] : []),
    `Students: ${s.included} included of ${s.considered} considered`,
    ...s.excluded.map((e) => `  excluded ${e.count}: ${e.code} ${e.label} (${e.citation})`),
    'Fields:',
    ...s.fields.map((f) => `  ${f.column.padEnd(32)} ${f.decision.padEnd(12)}${f.reason ? ` ${f.reason}` : ''}${f.decision === 'conditional' ? ` (${f.disclosedCount} shown, ${f.withheldCount} withheld)` : ''}`),
  ].join('\n') + '\n';
}

export const previewCommands: Command[] = [
  {
    path: ['preview'],
    summary: 'Show exactly what one role of an agreement would receive, and why cells are withheld',
    store: 'district',
    options: {
      agreement: { type: 'string', description: 'Agreement id' },
      role: { type: 'string', description: 'Role id, e.g. tutor' },
      version: { type: 'string', description: 'Version (default: the latest)' },
      'as-of': { type: 'string', description: 'Date yyyy-mm-dd (default: today, moved into the agreement\'s term)' },
      format: { type: 'string', description: 'table (summary and a page), csv (the whole records.csv) or json', default: 'table' },
      reviewer: { type: 'boolean', description: 'Synthetic values instead of real ones (for a legal reviewer)' },
      limit: { type: 'string', description: 'Rows to show (table, json)', default: '50' },
      offset: { type: 'string', description: 'Rows to skip (table, json)', default: '0' },
    },
    help: 'Withheld cells show as [REASON_CODE] in the table; `--format csv` prints the records.csv the package export would write (withheld cells empty).',
    run({ options, io, ctx }) {
      const agreementId = stringOption(options, 'agreement', true);
      const roleId = stringOption(options, 'role', true);
      const asOf = dateOption(options, 'as-of');
      const version = intOption(options, 'version', 1) ?? loadVersionRow(ctx, agreementId).version;
      const reviewer = options.reviewer === true;
      const target = { agreementId, version, roleId, asOf, reviewer };
      const format = String(options.format);
      if (format === 'csv') {
        const stream = openRecords(ctx, { ...target, purpose: 'preview' });
        io.out(stream.headerLine);
        let rows = 0;
        for (const b of stream.batches()) { io.out(b.csv); rows += b.rows.length; }
        inTransaction(ctx.db, () => appendAudit(ctx, { action: 'preview.export-csv', objectType: 'agreement', objectId: agreementId, summary: { version, roleId, asOf: stream.plan.asOf, reviewer, rows, to: 'stdout' } }));
        return Exit.ok;
      }
      if (format !== 'table' && format !== 'json') throw new StewardError('BAD_INPUT', `Unknown format '${format}': use table, csv or json.`, { field: 'format' });
      const summary = previewSummary(ctx, target);
      const page = previewRows(ctx, { ...target, offset: intOption(options, 'offset', 0) ?? 0, limit: Math.min(1000, intOption(options, 'limit', 1) ?? 50) });
      if (format === 'json') { io.out(JSON.stringify({ summary, page }, null, 2) + '\n'); return Exit.ok; }
      const columns = page.columns.map((c) => c.column);
      const rows = page.rows.map((r) => Object.fromEntries(r.cells.map((c, i) => [columns[i]!, c.state === 'withheld' ? `[${c.reason}]` : c.value])));
      io.out(summaryText(summary) + '\n' + formatRows('table', columns, rows, `rows ${page.rows.length ? page.rows[0]!.rowIndex + 1 : 0}-${page.rows.length ? page.rows[page.rows.length - 1]!.rowIndex + 1 : 0} of ${page.total}`));
      return Exit.ok;
    },
  },
];
