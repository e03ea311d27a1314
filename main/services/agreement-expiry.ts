import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { inTransaction } from '../db/sql';
import { toIsoDate, type IsoDate } from '../../shared/util/dates';
import { nextStatus } from '../../shared/agreement/status';
import type { AgreementStatus } from '../../shared/agreement/types';

/**
 * Makes expiry real: an approved or active version whose term ended before today is recorded as
 * 'expired' (status, end date and reason), each with its audit row, in one transaction. Called
 * when a district store is opened (the app's service host and the CLI) and whenever agreements
 * are listed or read, so the stored status, the screens, the CLI and the package export agree.
 * Without it the status was only derived from the dates and the store kept saying 'active'.
 */
export interface ExpiredVersion {
  agreementId: string;
  version: number;
  /** The status it had before: 'active' or 'approved'. */
  previousStatus: AgreementStatus;
  expires: IsoDate;
}

// The term's last day is `expires` itself: a version expires once today is after it.
const dueSql = `SELECT agreement_id AS agreementId, version, status AS previousStatus, json_extract(content, '$.expires') AS expires
  FROM agreement_versions WHERE status IN ('active', 'approved') AND json_extract(content, '$.expires') < ? ORDER BY agreement_id, version`;

/** Expires every version whose term has ended; returns what it expired (usually nothing). */
export function expireEndedAgreements(ctx: ServiceContext): ExpiredVersion[] {
  // Partner workspaces hold no agreement versions.
  if (ctx.mode !== 'district') return [];
  const today = toIsoDate(ctx.now());
  // The common case (nothing due) stays a read: no write transaction on every list.
  if (ctx.db.prepare(dueSql).all(today).length === 0) return [];
  return inTransaction(ctx.db, () => {
    const due = ctx.db.prepare(dueSql).all(today) as ExpiredVersion[];
    const at = ctx.now().toISOString();
    const update = ctx.db.prepare(`UPDATE agreement_versions SET status = ?, updated_at = ?, ended_at = ?, end_reason = ? WHERE agreement_id = ? AND version = ? AND status = ?`);
    for (const v of due) {
      const to = nextStatus(v.previousStatus, 'expire');
      if (to === null) continue; // unreachable: the query selects only statuses 'expire' applies to
      update.run(to, at, at, `its term ended on ${v.expires}`, v.agreementId, v.version, v.previousStatus);
      appendAudit(ctx, { action: 'agreement.expire', objectType: 'agreement', objectId: v.agreementId, summary: { version: v.version, previousStatus: v.previousStatus, expires: v.expires } });
    }
    return due;
  });
}

/** For code that has just opened a store (app, CLI): expires ended versions; the store is closed again if that fails. */
export function expireOnOpen(ctx: ServiceContext): ServiceContext {
  try {
    expireEndedAgreements(ctx);
    return ctx;
  } catch (e) {
    ctx.db.close();
    throw e;
  }
}
