import { createHmac, randomBytes } from 'node:crypto';
import type { ServiceContext } from './context';
import { appendAudit } from './audit-log';
import { inTransaction } from '../db/sql';
import { StewardError } from '../../shared/api/result';
import { PartnerInput, type Partner } from '../../shared/api/partners-api';

interface PartnerRow {
  id: string; name: string; kind: string; contactName: string | null; contactEmail: string | null; contactPhone: string | null;
  commercialSubprocessors: number; createdAt: string; updatedAt: string; programCount: number; agreementCount: number;
}

const partnerSelect = `SELECT p.id, p.name, p.kind, p.contact_name AS contactName, p.contact_email AS contactEmail, p.contact_phone AS contactPhone,
  p.commercial_subprocessors AS commercialSubprocessors, p.created_at AS createdAt, p.updated_at AS updatedAt,
  (SELECT count(*) FROM programs g WHERE g.partner_id = p.id) AS programCount,
  (SELECT count(*) FROM agreements a WHERE a.partner_id = p.id) AS agreementCount
  FROM partners p`;

const toPartner = (r: PartnerRow): Partner => ({ ...r, commercialSubprocessors: r.commercialSubprocessors === 1 });

export function listPartners(ctx: ServiceContext): Partner[] {
  return (ctx.db.prepare(`${partnerSelect} ORDER BY p.name COLLATE NOCASE`).all() as PartnerRow[]).map(toPartner);
}

export function getPartner(ctx: ServiceContext, partnerId: string): Partner {
  const row = ctx.db.prepare(`${partnerSelect} WHERE p.id = ?`).get(partnerId) as PartnerRow | undefined;
  if (!row) throw new StewardError('NOT_FOUND', `No partner with id '${partnerId}'. List partners with 'steward partner list'.`, { field: 'partnerId' });
  return toPartner(row);
}

function assertNameFree(ctx: ServiceContext, name: string, exceptId: string | null): void {
  const clash = ctx.db.prepare('SELECT id FROM partners WHERE name = ? COLLATE NOCASE AND id IS NOT ?').get(name, exceptId) as { id: string } | undefined;
  if (clash) throw new StewardError('CONFLICT', `A partner named '${name}' already exists (id ${clash.id}).`, { field: 'name' });
}

/** Creates the partner's random pseudonym key if it has none (partners that arrived by import). */
export function ensurePartnerKey(ctx: ServiceContext, partnerId: string): Buffer {
  const row = ctx.db.prepare('SELECT pseudonym_key AS k FROM partner_keys WHERE partner_id = ?').get(partnerId) as { k: Buffer } | undefined;
  if (row) return row.k;
  return inTransaction(ctx.db, () => {
    const key = randomBytes(32);
    ctx.db.prepare('INSERT INTO partner_keys (partner_id, pseudonym_key, created_at) VALUES (?, ?, ?)').run(partnerId, key, ctx.now().toISOString());
    appendAudit(ctx, { action: 'partner.key-create', objectType: 'partner', objectId: partnerId, summary: { purpose: 'pseudonym' } });
    return key;
  });
}

/**
 * The partner's pseudonym function for the policy engine: HMAC-SHA-256 with the partner's own
 * key, hex, first 20 characters (80 bits: no collision among millions of students in practice).
 * Two partners' pseudonyms of the same student differ, so their data sets cannot be joined.
 */
export function pseudonymizer(ctx: ServiceContext, partnerId: string): (subject: string) => string {
  const key = ensurePartnerKey(ctx, partnerId);
  return (subject) => createHmac('sha256', key).update(subject).digest('hex').slice(0, 20);
}

/** Creates a partner and its pseudonym key in one transaction, with an audit row. */
export function createPartner(ctx: ServiceContext, input: PartnerInput): Partner {
  const p = PartnerInput.parse(input);
  return inTransaction(ctx.db, () => {
    assertNameFree(ctx, p.name, null);
    const id = ctx.newId();
    const now = ctx.now().toISOString();
    ctx.db.prepare(`INSERT INTO partners (id, name, kind, contact_name, contact_email, contact_phone, commercial_subprocessors, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, p.name, p.kind, p.contactName, p.contactEmail, p.contactPhone, p.commercialSubprocessors ? 1 : 0, now, now);
    ctx.db.prepare('INSERT INTO partner_keys (partner_id, pseudonym_key, created_at) VALUES (?, ?, ?)').run(id, randomBytes(32), now);
    appendAudit(ctx, { action: 'partner.create', objectType: 'partner', objectId: id, summary: { name: p.name, kind: p.kind, commercialSubprocessors: p.commercialSubprocessors } });
    return getPartner(ctx, id);
  });
}

export function updatePartner(ctx: ServiceContext, input: PartnerInput & { partnerId: string }): Partner {
  const p = PartnerInput.parse(input);
  return inTransaction(ctx.db, () => {
    getPartner(ctx, input.partnerId);
    assertNameFree(ctx, p.name, input.partnerId);
    ctx.db.prepare(`UPDATE partners SET name = ?, kind = ?, contact_name = ?, contact_email = ?, contact_phone = ?, commercial_subprocessors = ?, updated_at = ? WHERE id = ?`)
      .run(p.name, p.kind, p.contactName, p.contactEmail, p.contactPhone, p.commercialSubprocessors ? 1 : 0, ctx.now().toISOString(), input.partnerId);
    appendAudit(ctx, { action: 'partner.update', objectType: 'partner', objectId: input.partnerId, summary: { name: p.name, kind: p.kind, commercialSubprocessors: p.commercialSubprocessors } });
    return getPartner(ctx, input.partnerId);
  });
}
