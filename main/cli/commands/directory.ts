import type { Command } from '../types';
import { Exit } from '../types';
import { formatRows, formatOption } from '../format';
import { addOptOut, designateDirectory, getDirectory, listOptOuts, removeOptOut } from '../../services/directory-service';
import type { DirectoryView } from '../../../shared/api/consents-api';
import { listOption, oneOf, pagingOptions, pageRange, requiredPositional, stringOption } from './cli-input';

function showDirectory(v: DirectoryView): string {
  const notice = v.designation.noticeDate ? `public notice given on ${v.designation.noticeDate}` : 'no public notice recorded yet: nothing flows as directory information';
  return [
    `Directory information (34 CFR 99.37): ${v.designation.fields.length} designated field(s), ${notice}.`,
    ...v.designation.fields.map((f) => `  ${f}`),
    v.designatedAt ? `Recorded ${v.designatedAt} by ${v.designatedBy}.` : 'No designation recorded.',
    `${v.activeOptOuts} student(s) opted out.`,
    `Fields that may be designated: ${v.eligibleFields.map((f) => f.id).join(', ')}`,
  ].join('\n') + '\n';
}

const optOutColumns = ['studentId', 'studentLocalId', 'studentStatus', 'requestedOn', 'requestedBy', 'removedOn', 'recordedBy'];

export const directoryCommands: Command[] = [
  {
    path: ['optout', 'add'],
    summary: 'Record a directory-information opt-out for a student (99.37(a)(2)); it survives the student leaving',
    args: ['<student-id>'],
    store: 'district',
    options: {
      on: { type: 'string', description: 'Date of the written request, yyyy-mm-dd' },
      by: { type: 'string', description: 'parent or eligible-student', default: 'parent' },
    },
    run({ positionals, options, io, ctx }) {
      const row = addOptOut(ctx, { studentId: requiredPositional(positionals, 'student id'), requestedOn: stringOption(options, 'on', true), requestedBy: oneOf(options, 'by', ['parent', 'eligible-student'] as const) });
      io.out(`Student ${row.studentId} opted out of directory information from ${row.requestedOn}.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['optout', 'remove'],
    summary: 'End a student\'s directory opt-out at the parent\'s (or eligible student\'s) written request',
    args: ['<student-id>'],
    store: 'district',
    options: { on: { type: 'string', description: 'Date of the written request, yyyy-mm-dd' } },
    run({ positionals, options, io, ctx }) {
      const row = removeOptOut(ctx, { studentId: requiredPositional(positionals, 'student id'), removedOn: stringOption(options, 'on', true) });
      io.out(`Directory opt-out of student ${row.studentId} ended on ${row.removedOn}.\n`);
      return Exit.ok;
    },
  },
  {
    path: ['optout', 'list'],
    summary: 'List directory opt-outs, including students who have left',
    store: 'district',
    options: {
      all: { type: 'boolean', description: 'Include ended opt-outs' },
      ...pagingOptions(100),
      ...formatOption,
    },
    run({ options, io, ctx }) {
      const range = pageRange(options);
      const page = listOptOuts(ctx, { ...range, includeRemoved: options.all === true });
      io.out(formatRows(String(options.format), optOutColumns, page.rows as unknown as Record<string, unknown>[], `${page.rows.length} of ${page.total} opt-outs`));
      return Exit.ok;
    },
  },
  {
    path: ['directory', 'designate'],
    summary: 'Record the district\'s directory-information designation and notice date (99.37(a)(1))',
    store: 'district',
    options: {
      fields: { type: 'string', description: 'Catalog field ids, separated by , or ; (only directory-eligible fields)' },
      notice: { type: 'string', description: 'Date of the annual public notice (yyyy-mm-dd), or "none" while not given' },
    },
    help: 'Example: steward directory designate --fields student.firstName,student.lastName,student.grade,student.school --notice 2026-08-01',
    run({ options, io, ctx }) {
      const fields = listOption(options, 'fields') ?? [];
      const notice = stringOption(options, 'notice', true);
      io.out(showDirectory(designateDirectory(ctx, { fields, noticeDate: notice === 'none' ? null : notice })));
      return Exit.ok;
    },
  },
  {
    path: ['directory', 'show'],
    summary: 'Show the directory-information designation in force',
    store: 'district',
    options: { format: { type: 'string', description: 'text or json', default: 'text' } },
    run({ options, io, ctx }) {
      const v = getDirectory(ctx);
      io.out(options.format === 'json' ? JSON.stringify(v, null, 2) + '\n' : showDirectory(v));
      return Exit.ok;
    },
  },
];
