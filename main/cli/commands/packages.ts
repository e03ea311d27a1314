import { resolve } from 'node:path';
import type { Command } from '../types';
import { Exit } from '../types';
import { formatOption, formatRows } from '../format';
import { withProgress } from '../progress-bar';
import { dateOption, intOption, stringOption } from './cli-input';
import { storeOptions, withStore } from './cli-store';
import { exportPackage, listSentPackages } from '../../services/package-export-service';
import { loadVersionRow } from '../../services/agreement-store';
import { importPackageFile, verifyPackageFile } from '../../services/partner-workspace-service';
import { listReceivedPackages } from '../../services/partner-records-service';
import { destroyAgreementRecords, purgeDue } from '../../services/partner-destruction-service';
import { importDestructionCertificate } from '../../services/destruction-import-service';
import { StewardError } from '../../../shared/api/result';
import { toIsoDate } from '../../../shared/util/dates';
import type { PackageCheckResult, PackageSummary } from '../../../shared/api/packages-api';

function checkedText(c: PackageCheckResult): string {
  return [
    `Package ${c.packageId}: every check passed.`,
    `  agreement ${c.agreementId} version ${c.agreementVersion}, package number ${c.sequence}, role ${c.role} (${c.legalBasis})`,
    `  ${c.recordCount} records, columns: ${c.fields.join(', ')}`,
    `  made ${c.created}; import by ${c.expires.slice(0, 10)}; destroy by ${c.destroyBy}`,
    `  signed ${c.signingTime} by ${c.signer.subject}`,
    `    ${c.signer.fingerprint}`,
  ].join('\n') + '\n';
}

const signerOptions = {
  'signed-by': { type: 'string' as const, description: 'Name of the person certifying the destruction (default: $STEWARD_ACTOR)' },
  title: { type: 'string' as const, description: 'Their title, e.g. "Program director"' },
};
const signer = (options: Record<string, unknown>, env: NodeJS.ProcessEnv): string => {
  const name = (typeof options['signed-by'] === 'string' ? options['signed-by'] : env.STEWARD_ACTOR ?? '').trim();
  if (!name) throw new StewardError('BAD_INPUT', '--signed-by is required: the name of the person certifying the destruction.', { field: 'signed-by' });
  return name;
};

export const packagesCommands: Command[] = [
  {
    path: ['package', 'export'],
    summary: 'Write a signed, encrypted package for one role of an active agreement and record the disclosures',
    store: 'district',
    options: {
      agreement: { type: 'string', description: 'Agreement id' },
      role: { type: 'string', description: 'Role id, e.g. tutor' },
      version: { type: 'string', description: 'Agreement version (default: the latest, which must be active)' },
      out: { type: 'string', description: 'The .sdx file to write, or an existing folder (then named <agreement>_<packageId>.sdx)' },
    },
    help: 'The records are the role preview\'s rows for today, byte for byte. The package, its sequence number and the FERPA disclosure records are recorded only if the file was written completely.',
    async run({ options, io, ctx }) {
      const agreementId = stringOption(options, 'agreement', true);
      const version = intOption(options, 'version', 1) ?? loadVersionRow(ctx, agreementId).version;
      const destination = resolve(io.cwd, stringOption(options, 'out', true));
      const roleId = stringOption(options, 'role', true);
      const r = await withProgress(io, (onProgress) => {
        ctx.emit = (_event, p) => onProgress(p);
        return exportPackage(ctx, { agreementId, version, roleId, destination });
      });
      io.out([
        `Wrote ${r.path}`,
        `  package ${r.packageId}, number ${r.sequence} for agreement ${agreementId} v${version}`,
        `  ${r.recordCount} records, ${r.revocationCount} revocation(s), ${r.size} bytes; import by ${r.expires.slice(0, 10)}, destroy by ${r.destroyBy}`,
        '  SHA-256 of the file:',
        `    ${r.fingerprint}`,
      ].join('\n') + '\n');
      return Exit.ok;
    },
  },
  {
    path: ['package', 'list'],
    summary: 'List packages sent (district) or received (--partner)',
    store: 'none',
    options: { ...storeOptions, ...formatOption, agreement: { type: 'string', description: 'Only this agreement' } },
    run: ({ options, io }) => withStore(io, options, undefined, (ctx) => {
      const q = { agreementId: stringOption(options, 'agreement') };
      const rows: PackageSummary[] = ctx.mode === 'partner' ? listReceivedPackages(ctx, q) : listSentPackages(ctx, q);
      const columns = ['packageId', 'agreementId', 'agreementVersion', 'sequence', 'role', 'recordCount', 'createdAt', 'destroyBy', 'destroyedAt'];
      io.out(formatRows(String(options.format), columns, rows as unknown as Record<string, unknown>[], `${rows.length} package(s) ${ctx.mode === 'partner' ? 'received' : 'sent'}`));
      return Exit.ok;
    }),
  },
  {
    path: ['package', 'verify'],
    summary: 'Run every check on a package with the partner workspace\'s key and trust; import nothing',
    store: 'partner',
    options: { in: { type: 'string', description: 'The .sdx file' } },
    help: 'Exit code 6 and a plain message when a check fails (not addressed to you, altered, replayed, expired, ...).',
    async run({ options, io, ctx }) {
      io.out(checkedText(await verifyPackageFile(ctx, { filePath: resolve(io.cwd, stringOption(options, 'in', true)) })));
      return Exit.ok;
    },
  },
  {
    path: ['package', 'open'],
    summary: 'Import a package into a partner workspace after every check (nothing is stored if one fails)',
    store: 'none',
    options: {
      in: { type: 'string', description: 'The .sdx file' },
      store: { type: 'string', description: 'The partner workspace (default: --db, $STEWARD_PARTNER_DB or ./steward-partner.db)' },
      db: storeOptions.db!,
    },
    run: ({ options, io }) => withStore(io, options, 'partner', async (ctx) => {
      const r = await importPackageFile(ctx, { filePath: resolve(io.cwd, stringOption(options, 'in', true)) });
      io.out(checkedText(r) + `Imported ${r.recordCount} records.${r.revocationsApplied ? ` Applied ${r.revocationsApplied} revocation(s): ${r.rowsDeleted} earlier row(s) deleted.` : ''}\n`);
      return Exit.ok;
    }),
  },
  {
    path: ['package', 'purge'],
    summary: 'Partner: delete records whose destroy-by date has come and write signed destruction certificates for the district',
    store: 'partner',
    options: { ...signerOptions, 'as-of': { type: 'string', description: 'The day to purge as of (default: today)' }, 'out-dir': { type: 'string', description: 'Folder for the certificates (default: the current folder)' } },
    help: 'Send each destruction_<agreement>_<date>.p7s to the district; they record it with `steward package destruction-import`.',
    run({ options, io, ctx }) {
      const asOf = dateOption(options, 'as-of') ?? toIsoDate(ctx.now());
      const results = purgeDue(ctx, { asOf, signedBy: signer(options, io.env), title: stringOption(options, 'title') ?? '', outDir: resolve(io.cwd, stringOption(options, 'out-dir') ?? '.') });
      if (results.length === 0) io.out(`Nothing is due for destruction on ${asOf}.\n`);
      for (const r of results) io.out(`Destroyed ${r.rowsDeleted} records of ${r.packageIds.length} package(s) under agreement ${r.agreementId}.\n  Certificate: ${r.path}\n`);
      return Exit.ok;
    },
  },
  {
    path: ['package', 'destroy'],
    summary: 'Partner: destroy every record received under an agreement now and write the signed destruction certificate',
    store: 'partner',
    options: { ...signerOptions, agreement: { type: 'string', description: 'Agreement id' }, out: { type: 'string', description: 'Certificate file or folder (default: the current folder)' } },
    run({ options, io, ctx }) {
      const r = destroyAgreementRecords(ctx, { agreementId: stringOption(options, 'agreement', true), signedBy: signer(options, io.env), title: stringOption(options, 'title') ?? '', filePath: resolve(io.cwd, stringOption(options, 'out') ?? '.') });
      io.out(`Destroyed ${r.rowsDeleted} records of ${r.packageIds.length} package(s).\n  Certificate: ${r.path}\n`);
      return Exit.ok;
    },
  },
  {
    path: ['package', 'destruction-import'],
    summary: 'District: record a partner\'s signed destruction certificate (marks those disclosures destroyed)',
    store: 'district',
    options: { in: { type: 'string', description: 'The .p7s certificate the partner sent' } },
    run({ options, io, ctx }) {
      const r = importDestructionCertificate(ctx, { filePath: resolve(io.cwd, stringOption(options, 'in', true)) });
      io.out(`Recorded: ${r.signedBy} destroyed the records of ${r.packageIds.length} package(s) under agreement ${r.agreementId} on ${r.destroyedOn}.\n`);
      return Exit.ok;
    },
  },
];
