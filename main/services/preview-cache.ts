import type { ServiceContext } from './context';
import type { Database } from '../db/sql';
import type { ConsentGrant, DirectoryDesignation } from '../../shared/consent/types';
import type { InclusionSet } from '../../shared/policy/evaluate';
import type { PolicyPlan, StudentFacts } from '../../shared/policy/types';

/**
 * What the preview keeps between requests, per open store: inclusion facts per scope, consents
 * per partner, the directory state, and per (version content, role, as-of date, purpose) the
 * compiled plan, the inclusion set and sort orders. Paging then costs one small SQL query.
 *
 * Invalidation rides on the audit log, which every mutation appends to in its own transaction:
 * rows appended since the last look that could change student data, enrolments, consents or
 * opt-outs drop the facts (and everything computed from them). Agreement edits do not touch the
 * facts: a changed grant only recompiles a plan and re-evaluates cached facts (the "recompute").
 */
export interface PreviewEntry {
  plan: PolicyPlan;
  inclusion: InclusionSet;
  pseudonym: (subject: string) => string;
  /** Row order per sort key (`column:asc`), as indexes into inclusion.ids. */
  orders: Map<string, Int32Array>;
  /** Student id -> index in inclusion.ids (built on first use). */
  index: Map<string, number> | null;
}

export interface PreviewCache {
  stamp: number;
  facts: Map<string, StudentFacts[]>;
  consents: Map<string, Map<string, ConsentGrant[]>>;
  directory: { designation: DirectoryDesignation; optedOut: Set<string> } | null;
  entries: Map<string, PreviewEntry>;
}

/** Audit actions that cannot change what a preview shows for a given version (everything else might). */
const harmless = [/^agreement\./, /^partner\./, /^program\.create$/, /^restricted-fields\.view$/, /^preview\./, /^package\./, /^audit\./, /^disclosure/];

const caches = new WeakMap<Database, PreviewCache>();
const MAX_ENTRIES = 16;
const MAX_SCOPES = 6;

function fresh(stamp: number): PreviewCache {
  return { stamp, facts: new Map(), consents: new Map(), directory: null, entries: new Map() };
}

/** The store's preview cache, emptied if data that previews depend on changed since the last call. */
export function previewCache(ctx: ServiceContext): PreviewCache {
  let cache = caches.get(ctx.db);
  if (!cache) {
    const stamp = (ctx.db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number | null) ?? 0;
    cache = fresh(stamp);
    caches.set(ctx.db, cache);
    return cache;
  }
  const rows = ctx.db.prepare('SELECT seq, action FROM audit_log WHERE seq > ? ORDER BY seq').raw().all(cache.stamp) as [number, string][];
  if (rows.length === 0) return cache;
  const stamp = rows[rows.length - 1]![0];
  if (rows.every(([, action]) => harmless.some((re) => re.test(action)))) {
    cache.stamp = stamp;
    return cache;
  }
  cache = fresh(stamp);
  caches.set(ctx.db, cache);
  return cache;
}

/** Remembers a value in a bounded map (oldest entry dropped first). */
export function remember<V>(map: Map<string, V>, key: string, value: V, max = MAX_ENTRIES): V {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value!);
  return value;
}

export const limits = { MAX_ENTRIES, MAX_SCOPES };
