import type { ServiceContext } from './context';
import { listRevocationsSince } from './consent-store';
import { pseudonymizer } from './partners-service';
import { csvCell } from '../../shared/util/csv-write';
import { STUDENT_KEY_COLUMNS, type RevocationEntry, type StudentKeyColumn } from '../../shared/package/revocations';

/**
 * revocations.json for the next package to a partner under an agreement.
 *
 * Counted: consents for this partner (and this agreement, or for the partner without an
 * agreement) revoked since the previous package, AND later refusals: a `declined` decision
 * signed or recorded since the previous package for a student who had granted a consent to
 * this partner before it (the refusal replaces the grant, so the data it allowed must go too).
 * A refusal with no earlier grant withdraws nothing and is not listed.
 *
 * Only students the district sent to this partner under this agreement before are listed:
 * naming anyone else would tell the partner something it never received. Each is named only by
 * the identifier columns the partner holds from earlier packages (pseudonym, local or state id),
 * written exactly as records.csv writes them.
 */
export function revocationsForNextPackage(ctx: ServiceContext, q: { partnerId: string; agreementId: string; since: string | null }): RevocationEntry[] {
  if (q.since === null) return [];
  const keyColumns = sentKeyColumns(ctx, q.agreementId);
  if (keyColumns.length === 0) return [];
  const revoked = listRevocationsSince(ctx, q.partnerId, q.agreementId, q.since).map((r) => ({ studentId: r.studentId, kind: 'consent-revoked' as const, effectiveOn: r.revokedOn, reason: r.reason }));
  const declined = (ctx.db
    .prepare(
      `SELECT d.student_id AS studentId, d.signed_on AS effectiveOn FROM consents d
        WHERE d.partner_id = @partnerId AND (d.agreement_id = @agreementId OR d.agreement_id IS NULL) AND d.status = 'declined'
          AND (d.signed_on >= substr(@since, 1, 10) OR d.recorded_at >= @since)
          AND EXISTS (SELECT 1 FROM consents g WHERE g.student_id = d.student_id AND g.partner_id = d.partner_id
                        AND (g.agreement_id = @agreementId OR g.agreement_id IS NULL) AND g.status IN ('granted', 'revoked') AND g.signed_on <= d.signed_on)
        ORDER BY d.signed_on, d.student_id`,
    )
    .all({ partnerId: q.partnerId, agreementId: q.agreementId, since: q.since }) as { studentId: string; effectiveOn: string }[]).map((d) => ({ ...d, kind: 'consent-declined' as const, reason: 'declined' }));

  const wasSent = ctx.db.prepare(
    `SELECT 1 FROM disclosure_students s JOIN disclosure_packages p ON p.package_id = s.package_id
      WHERE s.student_id = ? AND p.agreement_id = ? AND p.partner_id = ? LIMIT 1`,
  );
  const idsOf = ctx.db.prepare('SELECT local_id AS localId, state_id AS stateId FROM students WHERE id = ?');
  const pseudonym = keyColumns.includes('student.localId:pseudonym') ? pseudonymizer(ctx, q.partnerId) : undefined;
  const seen = new Set<string>();
  const out: RevocationEntry[] = [];
  for (const r of [...revoked, ...declined].sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0))) {
    if (seen.has(r.studentId) || !wasSent.get(r.studentId, q.agreementId, q.partnerId)) continue;
    seen.add(r.studentId);
    const ids = idsOf.get(r.studentId) as { localId: string; stateId: string | null } | undefined;
    if (!ids) continue;
    const keys: Partial<Record<StudentKeyColumn, string>> = {};
    for (const column of keyColumns) {
      const value = column === 'student.localId:pseudonym' ? pseudonym!(`student:${r.studentId}`) : column === 'student.localId' ? ids.localId : ids.stateId;
      if (value) keys[column] = cellText(value);
    }
    if (Object.keys(keys).length > 0) out.push({ keys, kind: r.kind, effectiveOn: r.effectiveOn, reason: r.reason });
  }
  return out;
}

/** Identifier columns of the packages already sent under the agreement (what the partner can match on). */
function sentKeyColumns(ctx: ServiceContext, agreementId: string): StudentKeyColumn[] {
  const sent = new Set<string>();
  for (const json of ctx.db.prepare('SELECT columns FROM packages WHERE agreement_id = ?').pluck().all(agreementId) as string[]) {
    for (const c of JSON.parse(json) as string[]) sent.add(c);
  }
  return STUDENT_KEY_COLUMNS.filter((k) => sent.has(k));
}

/** A value as the partner reads it back from records.csv (formula neutralising included, quotes removed). */
function cellText(value: string): string {
  const cell = csvCell(value);
  return cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}
