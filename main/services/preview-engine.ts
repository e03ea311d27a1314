import type { ServiceContext } from './context';
import { loadAgreementVersion } from './agreement-store';
import { loadConsents, loadDirectoryState } from './consent-store';
import { pseudonymizer } from './partners-service';
import { previewCache, remember, limits, type PreviewEntry } from './preview-cache';
import { loadScopeFacts, loadStudentValues, scanStudentValues } from './student-values';
import type { StudentValues } from '../../shared/policy/types';
import { StewardError } from '../../shared/api/result';
import { canonicalJson } from '../../shared/util/canonical-json';
import { isIsoDate, toIsoDate, type IsoDate } from '../../shared/util/dates';
import { catalogFields } from '../../shared/catalog';
import { compilePlan } from '../../shared/policy/compile';
import { cellDecision, evaluateAll, renderRow } from '../../shared/policy/evaluate';
import { applyTransform, type CellValue, type TransformContext } from '../../shared/policy/transforms';
import { syntheticStudentId, syntheticValues } from '../../shared/policy/synthetic';
import type { Cell, PolicyPurpose } from '../../shared/policy/types';
import type { AgreementContent, AgreementVersion } from '../../shared/agreement/types';

/**
 * The preview's core, shared by the preview screens and the package export: resolve a target to a
 * cached compiled plan and inclusion set, order the included students, and render any positions
 * of that order into cells. Rendering is the policy engine's; this file only feeds it.
 */
export interface EngineTarget {
  agreementId: string;
  version: number;
  roleId: string;
  /** Default: today, moved into the agreement's term when today is outside it. */
  asOf?: IsoDate | undefined;
  purpose: PolicyPurpose;
}

/** Today, clamped into the term (a reviewer previewing next year's agreement sees it as it will run). */
export function defaultAsOf(content: AgreementContent, today: IsoDate): IsoDate {
  if (isIsoDate(content.effective) && today < content.effective) return content.effective;
  if (isIsoDate(content.expires) && today > content.expires) return content.expires;
  return today;
}

export interface ResolvedEntry {
  entry: PreviewEntry;
  version: AgreementVersion;
  asOf: IsoDate;
}

/** The compiled plan and inclusion set for a target: from the cache, or computed (the full recompute). */
export function resolveEntry(ctx: ServiceContext, t: EngineTarget): ResolvedEntry {
  const version = loadAgreementVersion(ctx, t.agreementId, t.version);
  const { content } = version;
  if (!content.roles.some((r) => r.id === t.roleId)) {
    throw new StewardError('NOT_FOUND', `Version ${t.version} has no role '${t.roleId}'. Its roles: ${content.roles.map((r) => r.id).join(', ') || 'none'}.`, { field: 'roleId' });
  }
  const asOf = t.asOf ?? defaultAsOf(content, toIsoDate(ctx.now()));
  const cache = previewCache(ctx);
  const key = [t.agreementId, version.version, version.contentHash, version.status, t.roleId, asOf, t.purpose].join('|');
  const hit = cache.entries.get(key);
  if (hit) return { entry: hit, version, asOf };
  const directory = cache.directory ?? (cache.directory = loadDirectoryState(ctx));
  const scopeKey = canonicalJson(content.scope);
  const facts = cache.facts.get(scopeKey) ?? remember(cache.facts, scopeKey, loadScopeFacts(ctx, content.scope, directory.optedOut), limits.MAX_SCOPES);
  const consents = cache.consents.get(content.partnerId) ?? remember(cache.consents, content.partnerId, loadConsents(ctx, { partnerId: content.partnerId }), limits.MAX_SCOPES);
  const plan = compilePlan({ version, roleId: t.roleId, catalog: catalogFields, designation: directory.designation, asOf, purpose: t.purpose });
  const entry: PreviewEntry = { plan, inclusion: evaluateAll(plan, facts, consents), pseudonym: pseudonymizer(ctx, content.partnerId), orders: new Map(), index: null };
  return { entry: remember(cache.entries, key, entry), version, asOf };
}

function transformContext(entry: PreviewEntry): TransformContext {
  return { asOf: entry.plan.asOf, pseudonym: entry.pseudonym };
}

/** Sort key of a cell: withheld and empty cells first, then numbers, booleans and text (case-insensitive). */
function sortKey(v: CellValue): number | string | null {
  if (v === null || v === '') return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return typeof v === 'number' ? v : v.toLowerCase();
}

/**
 * The row order for a sort (indexes into inclusion.ids), or null for the default order (local id).
 * Sorting is by the value as disclosed (after the transform; withheld cells have none), computed
 * once per column and direction and cached: one SQL scan of one column.
 */
export function rowOrder(ctx: ServiceContext, entry: PreviewEntry, sort: { column: string; direction: 'asc' | 'desc' } | undefined): Int32Array | null {
  if (!sort) return null;
  const key = `${sort.column}:${sort.direction}`;
  const cached = entry.orders.get(key);
  if (cached) return cached;
  const col = entry.plan.columns.find((c) => c.column === sort.column);
  if (!col) throw new StewardError('BAD_INPUT', `Cannot sort by '${sort.column}': it is not a column of this role.`, { field: 'sort.column' });
  const { ids, decisions } = entry.inclusion;
  const raw: CellValue[] = new Array(ids.length).fill(null);
  for (const chunk of includedValues(ctx, entry, [col.field])) for (const r of chunk) raw[r.position] = r.values[col.field] ?? null;
  const tctx = transformContext(entry);
  const keys: (number | string | null)[] = new Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const d = decisions[i]!;
    if (!d.included || cellDecision(col, d).state === 'withheld') { keys[i] = null; continue; }
    const v = raw[i]!;
    keys[i] = sortKey(applyTransform(col.transform, v, col.field.startsWith('guardian.') ? `guardian:${String(v)}` : `student:${ids[i]!}`, tctx));
  }
  const sign = sort.direction === 'asc' ? 1 : -1;
  const order = Int32Array.from(ids.keys()).sort((a, b) => {
    const ka = keys[a]!;
    const kb = keys[b]!;
    if (ka === kb) return a - b;
    if (ka === null) return -sign;
    if (kb === null) return sign;
    if (typeof ka !== typeof kb) return (typeof ka === 'number' ? -1 : 1) * sign;
    return (ka < kb ? -1 : 1) * sign;
  });
  entry.orders.set(key, order);
  return order;
}

export interface RenderedRow {
  position: number;
  studentId: string;
  cells: Cell[];
}

/**
 * Renders the rows at positions [from, to) of an order: real values loaded in one query, or (for
 * a reviewer) synthetic values from the position, never from the student.
 */
export function renderPositions(ctx: ServiceContext, entry: PreviewEntry, order: Int32Array | null, from: number, to: number, reviewer: boolean): RenderedRow[] {
  const { ids, decisions } = entry.inclusion;
  const end = Math.min(to, ids.length);
  const idx: number[] = [];
  for (let p = from; p < end; p++) idx.push(order ? order[p]! : p);
  const values = reviewer ? null : loadStudentValues(ctx, idx.map((i) => ids[i]!), entry.plan.columns.map((c) => c.field));
  const tctx = transformContext(entry);
  return idx.map((i, k) => {
    const d = decisions[i]!;
    if (!d.included) throw new Error('an excluded student in the inclusion set');
    const position = from + k;
    const studentId = ids[i]!;
    const cells = reviewer
      ? renderRow(entry.plan, d, syntheticStudentId(position), syntheticValues(catalogFields, position, entry.plan.asOf), tctx)
      : renderRow(entry.plan, d, studentId, values!.get(studentId) ?? {}, tctx);
    return { position, studentId, cells };
  });
}

/**
 * The raw values of every included student, in default order, chunk by chunk. When most of the
 * district is included, one ordered scan of the store beats looking students up by id; otherwise
 * id lookups in batches. Facts and values are both in local-id order, so positions line up.
 */
export function* includedValues(ctx: ServiceContext, entry: PreviewEntry, fields: readonly string[]): Generator<{ position: number; studentId: string; values: StudentValues }[]> {
  const { ids } = entry.inclusion;
  const students = ctx.db.prepare('SELECT count(*) FROM students').pluck().get() as number;
  if (ids.length < students * 0.25) {
    for (let from = 0; from < ids.length; from += 2000) {
      const batch = ids.slice(from, from + 2000);
      const values = loadStudentValues(ctx, batch, fields);
      yield batch.map((studentId, k) => ({ position: from + k, studentId, values: values.get(studentId) ?? {} }));
    }
    return;
  }
  let position = 0;
  for (const chunk of scanStudentValues(ctx, fields)) {
    const out: { position: number; studentId: string; values: StudentValues }[] = [];
    for (const [studentId, values] of chunk) {
      if (position >= ids.length || ids[position] !== studentId) continue;
      out.push({ position, studentId, values });
      position++;
    }
    if (out.length) yield out;
  }
  // A student missing from the scan would shift every later row: that must never pass silently.
  if (position !== ids.length) throw new Error(`value scan matched ${position} of ${ids.length} included students`);
}

/** Every included row in default order, in batches: the export's path (the same cells renderPositions gives). */
export function* renderAll(ctx: ServiceContext, entry: PreviewEntry, reviewer: boolean, batchSize: number): Generator<RenderedRow[]> {
  const { ids, decisions } = entry.inclusion;
  if (reviewer) {
    for (let from = 0; from < ids.length; from += batchSize) yield renderPositions(ctx, entry, null, from, from + batchSize, true);
    return;
  }
  const tctx = transformContext(entry);
  let batch: RenderedRow[] = [];
  for (const chunk of includedValues(ctx, entry, entry.plan.columns.map((c) => c.field))) {
    for (const { position, studentId, values } of chunk) {
      const d = decisions[position]!;
      if (!d.included) throw new Error('an excluded student in the inclusion set');
      batch.push({ position, studentId, cells: renderRow(entry.plan, d, studentId, values, tctx) });
      if (batch.length >= batchSize) { yield batch; batch = []; }
    }
  }
  if (batch.length) yield batch;
}
