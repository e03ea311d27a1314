import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { inTransaction, expectChanges } from '../db/sql';
import { loadDirectoryState } from './consent-store';
import { today } from './consents-service';
import { StewardError } from '../../shared/api/result';
import type { DirectoryView, OptOutPage, OptOutRow } from '../../shared/api/consents-api';
import { validateDesignation, validateOptOutDate } from '../../shared/consent/directory';
import type { ConsentIssue } from '../../shared/consent/record';
import { catalogFields } from '../../shared/catalog';
import type { FieldId } from '../../shared/catalog/types';
import type { IsoDate } from '../../shared/util/dates';

function refuse(what: string, issues: ConsentIssue[]): never {
  throw new StewardError('BAD_INPUT', `${what} ${issues.map((i) => i.message).join(' ')}`, { field: issues[0]!.field });
}

/** The designation in force, who recorded it, and the fields that may be designated (99.3). */
export function getDirectory(ctx: ServiceContext): DirectoryView {
  const { designation, optedOut } = loadDirectoryState(ctx);
  const meta = ctx.db.prepare('SELECT designated_at AS at, designated_by AS by FROM directory_designations ORDER BY seq DESC LIMIT 1').get() as { at: string; by: string } | undefined;
  return {
    designation,
    designatedAt: meta?.at ?? null,
    designatedBy: meta?.by ?? null,
    eligibleFields: catalogFields.filter((f) => f.directoryEligible).map((f) => ({ id: f.id, label: f.label, category: f.category })),
    activeOptOuts: optedOut.size,
  };
}

/**
 * Records a new designation (the previous ones stay as history). Only directory-eligible catalog
 * fields may be designated; a null notice date means nothing flows as directory information yet.
 */
export function designateDirectory(ctx: ServiceContext, args: { fields: FieldId[]; noticeDate: IsoDate | null }): DirectoryView {
  const issues = validateDesignation(args, catalogFields);
  if (issues.length) refuse('The designation was not recorded.', issues);
  const order = new Map(catalogFields.map((f, i) => [f.id, i]));
  const fields = [...args.fields].sort((a, b) => order.get(a)! - order.get(b)!);
  inTransaction(ctx.db, () => {
    const { lastInsertRowid } = ctx.db
      .prepare('INSERT INTO directory_designations (fields, notice_date, designated_at, designated_by) VALUES (?, ?, ?, ?)')
      .run(JSON.stringify(fields), args.noticeDate, ctx.now().toISOString(), ctx.actor);
    appendAudit(ctx, { action: 'directory.designate', objectType: 'directory-designation', objectId: String(lastInsertRowid), summary: { fields, noticeDate: args.noticeDate } });
  });
  return getDirectory(ctx);
}

const optOutColumns = `o.id, o.student_id AS studentId, s.local_id AS studentLocalId, s.first_name AS studentFirstName, s.last_name AS studentLastName,
  s.status AS studentStatus, o.requested_on AS requestedOn, o.requested_by AS requestedBy, o.recorded_at AS recordedAt, o.recorded_by AS recordedBy, o.removed_on AS removedOn`;

/** Opt-outs, newest first; students who left the district are included (the opt-out still holds). */
export function listOptOuts(ctx: ServiceContext, q: { offset: number; limit: number; includeRemoved: boolean; search?: string | undefined }): OptOutPage {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (!q.includeRemoved) where.push('o.removed_on IS NULL');
  if (q.search) {
    where.push(`(s.last_name LIKE @search ESCAPE '\\' OR s.first_name LIKE @search ESCAPE '\\' OR s.local_id LIKE @search ESCAPE '\\')`);
    params.search = `${q.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  }
  const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const from = 'FROM directory_optouts o JOIN students s ON s.id = o.student_id';
  const rows = ctx.db
    .prepare(`SELECT ${optOutColumns} ${from} ${whereSql} ORDER BY o.requested_on DESC, o.recorded_at DESC, o.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: q.limit, offset: q.offset }) as OptOutRow[];
  const { total } = ctx.db.prepare(`SELECT count(*) AS total ${from} ${whereSql}`).get(params) as { total: number };
  return { rows, total };
}

function optOutRow(ctx: ServiceContext, id: string): OptOutRow {
  return ctx.db.prepare(`SELECT ${optOutColumns} FROM directory_optouts o JOIN students s ON s.id = o.student_id WHERE o.id = ?`).get(id) as OptOutRow;
}

/** Records a directory opt-out (99.37(a)(2)); any student on record, including one who has left. */
export function addOptOut(ctx: ServiceContext, args: { studentId: string; requestedOn: IsoDate; requestedBy: 'parent' | 'eligible-student' }): OptOutRow {
  if (!ctx.db.prepare('SELECT 1 FROM students WHERE id = ?').get(args.studentId)) {
    throw new StewardError('NOT_FOUND', `No student with id '${args.studentId}' in this store.`, { field: 'studentId' });
  }
  const issues = validateOptOutDate(args.requestedOn, today(ctx));
  if (issues.length) refuse('The opt-out was not recorded.', issues);
  const existing = ctx.db.prepare('SELECT id FROM directory_optouts WHERE student_id = ? AND removed_on IS NULL').get(args.studentId);
  if (existing) throw new StewardError('CONFLICT', `Student '${args.studentId}' already has a directory opt-out in force.`, { field: 'studentId' });
  const id = ctx.newId();
  inTransaction(ctx.db, () => {
    ctx.db
      .prepare('INSERT INTO directory_optouts (id, student_id, requested_on, requested_by, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, args.studentId, args.requestedOn, args.requestedBy, ctx.now().toISOString(), ctx.actor);
    appendAudit(ctx, { action: 'directory.optout.add', objectType: 'directory-optout', objectId: id, summary: { studentId: args.studentId, requestedOn: args.requestedOn, requestedBy: args.requestedBy } });
  });
  return optOutRow(ctx, id);
}

/** Ends an opt-out at the parent's (or eligible student's) written request; the row stays as history. */
export function removeOptOut(ctx: ServiceContext, args: { studentId: string; removedOn: IsoDate }): OptOutRow {
  const row = ctx.db.prepare('SELECT id, requested_on AS requestedOn FROM directory_optouts WHERE student_id = ? AND removed_on IS NULL').get(args.studentId) as
    | { id: string; requestedOn: string }
    | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `Student '${args.studentId}' has no directory opt-out in force.`, { field: 'studentId' });
  const issues = validateOptOutDate(args.removedOn, today(ctx));
  if (issues.length) refuse('The opt-out was not ended.', issues.map((i) => ({ ...i, field: 'removedOn' })));
  if (args.removedOn < row.requestedOn) throw new StewardError('BAD_INPUT', `The end date ${args.removedOn} is before the opt-out was requested (${row.requestedOn}).`, { field: 'removedOn' });
  inTransaction(ctx.db, () => {
    expectChanges(
      ctx.db.prepare('UPDATE directory_optouts SET removed_on = ?, removed_at = ?, removed_by = ? WHERE id = ? AND removed_on IS NULL').run(args.removedOn, ctx.now().toISOString(), ctx.actor, row.id),
      1,
      'opt-out removal',
    );
    appendAudit(ctx, { action: 'directory.optout.remove', objectType: 'directory-optout', objectId: row.id, summary: { studentId: args.studentId, removedOn: args.removedOn } });
  });
  return optOutRow(ctx, row.id);
}
