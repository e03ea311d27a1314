import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, CommandInput } from '../types';
import { Exit } from '../types';
import { formatOption, formatRows } from '../format';
import { intOption, readAgreementFile, stringOption } from './cli-input';
import { agreementDocument, checkAgreement, createAgreement, diffVersions, getAgreement, listAgreements, updateAgreement } from '../../services/agreements-service';
import { activateAgreement, approveAgreement, commentAgreement, submitAgreement, terminateAgreement } from '../../services/agreement-review';
import { loadVersionRow } from '../../services/agreement-store';
import { StewardError } from '../../../shared/api/result';
import type { AgreementVersionView } from '../../../shared/api/agreements-api';

/** The agreement id (first positional) and version (--version, default the latest). */
function ref({ positionals, options, ctx }: CommandInput): { agreementId: string; version: number } {
  const agreementId = positionals[0];
  if (!agreementId) throw new StewardError('BAD_INPUT', 'Give the agreement id (see \'steward agreement list\').');
  return { agreementId, version: intOption(options, 'version', 1) ?? loadVersionRow(ctx, agreementId).version };
}

const versionOption = { version: { type: 'string' as const, description: 'Version number (default: the latest)' } };

function describe(v: AgreementVersionView): string {
  const lines = [
    `${v.content.title}`,
    `  agreement ${v.agreementId}, version ${v.version}, status ${v.effectiveStatus}${v.effectiveStatus !== v.status ? ` (recorded ${v.status})` : ''}`,
    `  partner ${v.content.partnerId}; basis ${v.content.legalBasis}; purpose ${v.content.purposeCode}`,
    `  term ${v.content.effective} to ${v.content.expires}; destroy by ${v.content.destroyBy}`,
    `  content hash ${v.contentHash}`,
    `  approval: ${v.approval ? `${v.approval.by} on ${v.approval.at}` : 'none'}`,
    ...v.content.roles.map((r) => `  role ${r.id} (${r.label}): ${r.fields.map((f) => (f.transform === 'asIs' ? f.field : `${f.field}:${f.transform}`)).join(', ')}`),
    v.issues.length ? `  ${v.issues.length} completeness issue(s):` : '  complete: every required element is present',
    ...v.issues.map((i) => `    ${i.path}: ${i.message} (${i.rule})`),
    ...(v.hints.length ? ['  minimisation hints:', ...v.hints.map((h) => `    ${h.roleId ?? '*'} ${h.field ?? ''}: ${h.message}${h.suggestedTransform ? ` (suggest ${h.suggestedTransform})` : ''}`)] : []),
    ...v.comments.map((c) => `  comment by ${c.author} at ${c.at}${c.path ? ` on ${c.path}` : ''}: ${c.body}`),
    `  allowed next: ${v.allowedActions.join(', ') || 'none'}`,
  ];
  return lines.join('\n') + '\n';
}

export const agreementsCommands: Command[] = [
  {
    path: ['agreement', 'create'],
    summary: 'Create an agreement (version 1, draft) from an agreement.json file',
    store: 'district',
    options: { file: { type: 'string', description: 'agreement.json (format: docs/agreement-format.md)' } },
    run({ options, io, ctx }) {
      const content = readAgreementFile(io, stringOption(options, 'file', true));
      const r = createAgreement(ctx, { content });
      const { issues } = checkAgreement(ctx, content);
      io.out(`Created agreement ${r.agreementId} version 1 (draft), content hash ${r.contentHash}.\n${issues.length ? `${issues.length} element(s) still missing: see 'steward agreement show ${r.agreementId}'.\n` : 'Complete: ready to submit.\n'}`);
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'update'],
    summary: 'Replace the content of the latest version (a new draft version after review)',
    args: ['<agreement-id>'],
    store: 'district',
    options: { file: { type: 'string', description: 'agreement.json' }, ...versionOption },
    run(input) {
      const content = readAgreementFile(input.io, stringOption(input.options, 'file', true));
      const r = updateAgreement(input.ctx, { ...ref(input), content });
      input.io.out(`${r.createdNewVersion ? 'Created' : 'Updated'} version ${r.version} (draft), content hash ${r.contentHash}.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'check'],
    summary: 'Check an agreement.json for completeness and minimisation hints without saving it',
    store: 'district',
    options: { file: { type: 'string', description: 'agreement.json' } },
    run({ options, io, ctx }) {
      const { issues, hints } = checkAgreement(ctx, readAgreementFile(io, stringOption(options, 'file', true)));
      io.out([...issues.map((i) => `missing ${i.path}: ${i.message} (${i.rule})`), ...hints.map((h) => `hint ${h.roleId ?? '*'} ${h.field ?? ''}: ${h.message}`), issues.length ? `${issues.length} issue(s).` : 'Complete.'].join('\n') + '\n');
      return issues.length ? Exit.badInput : Exit.ok;
    },
  },
  {
    path: ['agreement', 'list'],
    summary: 'List agreements with their latest and active versions',
    store: 'district',
    options: { ...formatOption, partner: { type: 'string', description: 'Only this partner\'s agreements' } },
    run({ options, io, ctx }) {
      const rows = listAgreements(ctx, { partnerId: stringOption(options, 'partner') });
      io.out(formatRows(String(options.format), ['id', 'partnerName', 'title', 'legalBasis', 'latestVersion', 'latestStatus', 'activeVersion', 'expires'], rows as unknown as Record<string, unknown>[], `${rows.length} agreements`));
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'show'],
    summary: 'Show one version: status, content hash, roles, completeness, hints, comments',
    args: ['<agreement-id>'],
    store: 'district',
    options: { ...versionOption, format: { type: 'string', description: 'text or json', default: 'text' } },
    run(input) {
      const detail = getAgreement(input.ctx, ref(input));
      input.io.out(input.options.format === 'json' ? JSON.stringify(detail, null, 2) + '\n' : describe(detail.current));
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'submit'],
    summary: 'Submit a draft for legal review (refused while elements are missing)',
    args: ['<agreement-id>'],
    store: 'district',
    options: versionOption,
    run(input) {
      const v = submitAgreement(input.ctx, ref(input));
      input.io.out(`Version ${v.version} is in review. Content hash ${v.contentHash}.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'comment'],
    summary: 'Add a reviewer comment to a version',
    args: ['<agreement-id>'],
    store: 'district',
    options: { ...versionOption, text: { type: 'string', description: 'The comment' }, at: { type: 'string', description: 'Where it applies, e.g. roles[0].fields[2]' }, reviewer: { type: 'string', description: 'Your name, as the reviewer (shown with the comment and recorded in the audit log)' } },
    run(input) {
      const c = commentAgreement(input.ctx, { ...ref(input), body: stringOption(input.options, 'text', true), path: stringOption(input.options, 'at'), reviewerName: stringOption(input.options, 'reviewer', true) });
      input.io.out(`Comment by ${c.author} added to version ${c.version}.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'approve'],
    summary: 'Approve a version under review, bound to the content hash you reviewed',
    args: ['<agreement-id>'],
    store: 'district',
    options: { ...versionOption, hash: { type: 'string', description: 'Content hash you reviewed (from \'agreement show\'; at least 12 characters)' }, reviewer: { type: 'string', description: 'Your name, as the legal reviewer' } },
    help: 'The approval is refused if the version\'s content hash does not start with --hash: you approve exactly the text you read.',
    run(input) {
      const r = ref(input);
      const hash = stringOption(input.options, 'hash', true).toLowerCase();
      if (!/^[0-9a-f]{12,64}$/.test(hash)) throw new StewardError('BAD_INPUT', '--hash must be at least the first 12 hex characters of the content hash.', { field: 'hash' });
      const row = loadVersionRow(input.ctx, r.agreementId, r.version);
      // A prefix that matches resolves to the full hash; one that does not is passed on and refused as a conflict.
      const full = row.contentHash.startsWith(hash) ? row.contentHash : hash.padEnd(64, '0');
      const v = approveAgreement(input.ctx, { ...r, contentHash: full, reviewerName: stringOption(input.options, 'reviewer', true) });
      input.io.out(`Version ${v.version} approved by ${v.approval?.by} for content hash ${v.contentHash}.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'activate'],
    summary: 'Put an approved version in force (an earlier active version is superseded)',
    args: ['<agreement-id>'],
    store: 'district',
    options: versionOption,
    run(input) {
      const v = activateAgreement(input.ctx, ref(input));
      input.io.out(`Version ${v.version} is active.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'terminate'],
    summary: 'Terminate an approved or active version',
    args: ['<agreement-id>'],
    store: 'district',
    options: { ...versionOption, reason: { type: 'string', description: 'Why (recorded)' } },
    run(input) {
      const v = terminateAgreement(input.ctx, { ...ref(input), reason: stringOption(input.options, 'reason', true) });
      input.io.out(`Version ${v.version} is terminated.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'diff'],
    summary: 'Show what changed between two versions',
    args: ['<agreement-id>'],
    store: 'district',
    options: { from: { type: 'string', description: 'Older version' }, to: { type: 'string', description: 'Newer version' }, format: { type: 'string', description: 'text or json', default: 'text' } },
    run({ positionals, options, io, ctx }) {
      const agreementId = positionals[0];
      if (!agreementId) throw new StewardError('BAD_INPUT', 'Give the agreement id.');
      const d = diffVersions(ctx, { agreementId, from: intOption(options, 'from', 1) ?? 1, to: intOption(options, 'to', 1) ?? loadVersionRow(ctx, agreementId).version });
      if (options.format === 'json') { io.out(JSON.stringify(d, null, 2) + '\n'); return Exit.ok; }
      const lines = [
        ...d.terms.map((t) => `term ${t.key}: ${String(t.from)} -> ${String(t.to)}`),
        ...d.basisElements.map((t) => `basis element ${t.key}: ${JSON.stringify(t.from)} -> ${JSON.stringify(t.to)}`),
        ...d.scope.map((s) => `scope ${s.key}: +[${s.added.join(', ')}] -[${s.removed.join(', ')}]`),
        ...d.roles.flatMap((r) => [`role ${r.roleId} (${r.change})`, ...r.fieldsAdded.map((f) => `  + ${f.field} (${f.transform})`), ...r.fieldsRemoved.map((f) => `  - ${f.field} (${f.transform})`), ...r.transformsChanged.map((f) => `  ~ ${f.field}: ${f.from} -> ${f.to}`), ...r.propertiesChanged.map((p) => `  ~ ${p.key}`)]),
      ];
      io.out((d.same ? 'No differences.' : lines.join('\n')) + '\n');
      return Exit.ok;
    },
  },
  {
    path: ['agreement', 'document'],
    summary: 'Write the agreement document (printable HTML) to a file',
    args: ['<agreement-id>'],
    store: 'district',
    options: { ...versionOption, out: { type: 'string', description: 'Output .html file' } },
    run(input) {
      const doc = agreementDocument(input.ctx, ref(input));
      const out = resolve(input.io.cwd, stringOption(input.options, 'out', true));
      writeFileSync(out, doc.html);
      input.io.out(`Wrote ${out} (SHA-256 ${doc.sha256}).\n`);
      return Exit.ok;
    },
  },
];
