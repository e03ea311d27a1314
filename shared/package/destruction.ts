import { z } from 'zod';
import { exhibitBCategories, type ExhibitBCategory } from '../catalog/exhibit-b';
import { isIsoDate } from '../util/dates';

/**
 * The destruction certificate a partner sends back (NDPA Exhibit D, "Directive for disposition
 * of data"): who destroyed (organisation, signer), what (which packages, which Exhibit B
 * categories, complete or partial), when and how. Signed by the partner as CMS SignedData, so the
 * district can check it with the partner certificate it attached after comparing fingerprints.
 * Pure: schema and builder; the workspace signs it, the district verifies it.
 */
export const DESTRUCTION_FORMAT = 'steward-destruction/1' as const;
/** A certificate larger than this is refused before it is parsed. */
export const MAX_DESTRUCTION_BYTES = 1024 * 1024;

const isoDate = z.string().refine(isIsoDate, 'a date as yyyy-mm-dd');
const id = z.string().min(1).max(200);

export const DestroyedPackage = z.strictObject({
  packageId: id,
  sequence: z.number().int().min(1),
  agreementVersion: z.number().int().min(1),
  role: id,
  recordCount: z.number().int().min(0),
  receivedOn: isoDate,
  destroyBy: isoDate,
});
export type DestroyedPackage = z.infer<typeof DestroyedPackage>;

export const DestructionCertificate = z.strictObject({
  format: z.literal(DESTRUCTION_FORMAT),
  certificateId: id,
  agreement: z.strictObject({ id, version: z.number().int().min(1) }),
  district: z.strictObject({ id }),
  recipient: z.strictObject({ partnerId: id, organization: z.string().min(1).max(200), certSha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  disposition: z.strictObject({
    /** complete: every record received under the agreement; partial: some categories only. */
    extent: z.enum(['complete', 'partial']),
    action: z.literal('destroy'),
    /** The Exhibit B categories the destroyed records held. */
    categories: z.array(z.enum(exhibitBCategories)).max(exhibitBCategories.length),
  }),
  packages: z.array(DestroyedPackage).min(1).max(10_000),
  destroyedOn: isoDate,
  destroyedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/),
  method: z.string().min(1).max(2000),
  signedBy: z.strictObject({ name: z.string().min(1).max(200), title: z.string().max(200) }),
});
export type DestructionCertificate = z.infer<typeof DestructionCertificate>;

/** How the workspace destroys: said once, so the certificate and the help text agree. */
export const WORKSPACE_DESTRUCTION_METHOD =
  'Deleted from the encrypted Steward partner workspace (SQLCipher, AES-256) with SQLite secure_delete, which overwrites deleted content; ' +
  'the package file itself was deleted or is unreadable without the partner key. Copies outside the workspace were destroyed by the signer.';

/** The Exhibit B categories of a package's dictionary columns, sorted and distinct. */
/**
 * The signed certificate's file name: `destruction_<agreement>_<day>.p7s`, the same when the
 * records are destroyed and when the certificate is saved again (the district imports it by content).
 */
export function destructionFileName(agreementId: string, destroyedOn: string): string {
  const safe = agreementId.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'agreement';
  return `destruction_${safe}_${destroyedOn}.p7s`;
}

export function categoriesOf(columns: readonly { exhibitBCategory?: string }[]): ExhibitBCategory[] {
  const known = new Set<string>(exhibitBCategories);
  return [...new Set(columns.map((c) => c.exhibitBCategory ?? '').filter((c): c is ExhibitBCategory => known.has(c)))].sort();
}

/** Parses certificate JSON text; problems name the field. */
export function parseDestructionCertificate(text: string): { ok: true; certificate: DestructionCertificate } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'it is not valid JSON' };
  }
  const parsed = DestructionCertificate.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    return { ok: false, problem: `${i?.path.join('.') || '(top level)'} ${i?.message ?? 'is invalid'}` };
  }
  return { ok: true, certificate: parsed.data };
}
