import type { ServiceContext } from './context';
import type { AgreementContent } from '../../shared/agreement/types';

/**
 * The consent area reads agreements, which another area owns (migration 002 and its service).
 * This is the one place that touches their tables, defensively: it finds the versions table by its
 * columns rather than assuming a schema, so consents work before, and keep working after, the
 * agreements schema lands. Swap the body for a call to the agreements service once it is stable.
 */
export interface AgreementView {
  agreementId: string;
  version: number | null;
  status: string | null;
  content: AgreementContent;
}

/** Statuses under which an agreement operates; a form shows the operating version when there is one. */
const operating = new Set(['approved', 'active']);

function columnsOf(ctx: ServiceContext, table: string): Set<string> {
  const rows = ctx.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[];
  return new Set(rows.map((r) => r.name));
}

/** Where agreement content lives: `agreement_versions(agreement_id, version, content)` or `agreements(id, content)`. */
function source(ctx: ServiceContext): { sql: string } | null {
  const versions = columnsOf(ctx, 'agreement_versions');
  if (versions.has('agreement_id') && versions.has('content')) {
    const version = versions.has('version') ? 'version' : 'NULL';
    const status = versions.has('status') ? 'status' : 'NULL';
    return { sql: `SELECT agreement_id AS agreementId, ${version} AS version, ${status} AS status, content FROM agreement_versions WHERE agreement_id = ?` };
  }
  const agreements = columnsOf(ctx, 'agreements');
  if (agreements.has('id') && agreements.has('content')) {
    const status = agreements.has('status') ? 'status' : 'NULL';
    return { sql: `SELECT id AS agreementId, NULL AS version, ${status} AS status, content FROM agreements WHERE id = ?` };
  }
  return null;
}

/**
 * The agreement's version a consent or form refers to: the latest approved or active version,
 * else the latest version. Null when no such agreement exists (or no agreements schema yet).
 */
export function findAgreement(ctx: ServiceContext, agreementId: string): AgreementView | null {
  const src = source(ctx);
  if (!src) return null;
  const rows = ctx.db.prepare(src.sql).all(agreementId) as { agreementId: string; version: number | null; status: string | null; content: string }[];
  if (rows.length === 0) return null;
  rows.sort((a, b) => (b.version ?? 0) - (a.version ?? 0));
  const chosen = rows.find((r) => r.status !== null && operating.has(r.status)) ?? rows[0]!;
  let content: AgreementContent;
  try {
    content = JSON.parse(chosen.content) as AgreementContent;
  } catch {
    return null;
  }
  if (!content || typeof content.partnerId !== 'string') return null;
  return { agreementId: chosen.agreementId, version: chosen.version, status: chosen.status, content };
}
