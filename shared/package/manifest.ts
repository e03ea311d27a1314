import { z } from 'zod';
import { legalBases, type LegalBasis } from '../agreement/types';
import { isIsoDate } from '../util/dates';

/**
 * manifest.json of an SDX/1 package (PACKAGE-FORMAT.md): the only signed object, committing to
 * every other byte of the package. Pure: schema and checks only, no crypto and no clock.
 *
 * Additions to the table in PACKAGE-FORMAT.md, all inside its groups:
 * - agreement.endsOn: the agreement's end date, so a partner can refuse an expired agreement
 *   without having stored it, and `time.expires` can be checked against it;
 * - payload.container ('ustar') and payload.algorithms, so the algorithms the district chose are
 *   themselves under the signature (a stripped-down copy cannot claim other algorithms).
 */

export const PACKAGE_FORMAT = 'SDX' as const;
export const PACKAGE_FORMAT_VERSION = 1 as const;
/** A manifest larger than this is refused before it is parsed (PACKAGE-FORMAT.md: 1 MB). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Payload slice size: each part is its own AuthEnvelopedData (PACKAGE-FORMAT.md: 64 MiB). */
export const DEFAULT_CHUNK_BYTES = 64 * 1024 * 1024;
export const MAX_CHUNK_BYTES = DEFAULT_CHUNK_BYTES;
/** ZIP without ZIP64 tops out at 4 GiB; parts and payload stay below it. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024 * 1024 - 64 * 1024 * 1024;
export const MAX_CHUNKS = 10_000;
/** The four files of the payload container, in the order they appear in it. */
export const PAYLOAD_FILES = ['records.csv', 'dictionary.json', 'revocations.json', 'notice.txt'] as const;
export type PayloadFileName = (typeof PAYLOAD_FILES)[number];

/** The only algorithms a package may use; anything else is a downgrade. */
export const PACKAGE_ALGORITHMS = {
  content: 'AES-256-GCM',
  keyTransport: 'RSAES-OAEP-SHA256-MGF1-SHA256',
  digest: 'SHA-256',
  signature: 'RSASSA-PKCS1-v1_5-SHA256',
} as const;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a lower-case SHA-256 hex digest');
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, 'a UUID');
const isoDate = z.string().refine(isIsoDate, 'a date as yyyy-mm-dd');
/** UTC timestamps only, so two machines compare them the same way. */
const isoInstant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/, 'a UTC time like 2026-09-15T12:00:00Z');
const id = z.string().min(1).max(200);
const size = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const chunkName = z.string().regex(/^payload\/part-\d{6}\.p7m$/, 'payload/part-NNNNNN.p7m');

export const ManifestChunk = z.strictObject({
  name: chunkName,
  /** Plaintext bytes in this slice. */
  size,
  sha256: sha256Hex,
  /** Bytes of the part file in the ZIP, and their hash (what a spliced-in part changes). */
  cmsSize: size,
  cmsSha256: sha256Hex,
});
export type ManifestChunk = z.infer<typeof ManifestChunk>;

export const Manifest = z.strictObject({
  identity: z.strictObject({
    format: z.literal(PACKAGE_FORMAT),
    formatVersion: z.literal(PACKAGE_FORMAT_VERSION),
    packageId: uuid,
    /** Strictly increasing per agreement; a lower one is a rollback. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** SHA-256 of the previous package's manifest.json for this agreement; null for the first. */
    previousPackageSha256: sha256Hex.nullable(),
  }),
  agreement: z.strictObject({
    id,
    version: z.number().int().min(1),
    /** SHA-256 of the exact approved agreement text. */
    documentSha256: sha256Hex,
    endsOn: isoDate,
  }),
  parties: z.strictObject({
    district: z.strictObject({ id, signerCertSha256: sha256Hex }),
    partner: z.strictObject({ id, recipientCertSha256: sha256Hex }),
    role: id,
    purpose: z.string().min(1).max(4000),
    legalBasis: z.enum(legalBases as [LegalBasis, ...LegalBasis[]]),
  }),
  dataset: z.strictObject({
    /** Catalog field ids, exactly the header row of records.csv, in order. */
    fields: z.array(z.string().min(1).max(200)).min(1).max(1000),
    recordCount: z.number().int().min(0),
    schemaVersion: z.number().int().min(1),
  }),
  payload: z.strictObject({
    container: z.literal('ustar'),
    algorithms: z.strictObject({
      content: z.literal(PACKAGE_ALGORITHMS.content),
      keyTransport: z.literal(PACKAGE_ALGORITHMS.keyTransport),
      digest: z.literal(PACKAGE_ALGORITHMS.digest),
      signature: z.literal(PACKAGE_ALGORITHMS.signature),
    }),
    size,
    sha256: sha256Hex,
    chunks: z.array(ManifestChunk).min(1).max(MAX_CHUNKS),
  }),
  time: z.strictObject({
    created: isoInstant,
    /** Import deadline; never after the agreement ends. */
    expires: isoInstant,
    /** The partner must have destroyed the data by this date. */
    destroyBy: isoDate,
  }),
});
export type Manifest = z.infer<typeof Manifest>;

/** One thing wrong with a manifest, naming the field (never a value from the data). */
export interface ManifestProblem {
  field: string;
  message: string;
}

/**
 * Everything zod cannot say about a manifest: sizes add up, chunks are numbered 1..n in order,
 * dates are in order and inside the agreement, fields are unique. Returns [] when it is sound.
 */
export function checkManifest(m: Manifest): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });
  const { chunks } = m.payload;
  chunks.forEach((c, i) => {
    const expected = chunkEntryName(i + 1);
    if (c.name !== expected) add(`payload.chunks[${i}].name`, `should be ${expected}: parts are numbered from 1 in order`);
    if (c.size < 1 || c.size > MAX_CHUNK_BYTES) add(`payload.chunks[${i}].size`, `must be between 1 and ${MAX_CHUNK_BYTES} bytes`);
    if (i < chunks.length - 1 && c.size !== chunks[0]?.size) add(`payload.chunks[${i}].size`, 'every part but the last must have the same size');
    if (i > 0 && i === chunks.length - 1 && c.size > (chunks[0]?.size ?? 0)) add(`payload.chunks[${i}].size`, 'the last part cannot be larger than the others');
    if (c.cmsSize <= c.size) add(`payload.chunks[${i}].cmsSize`, 'an encrypted part is always larger than its plaintext');
  });
  const total = chunks.reduce((sum, c) => sum + c.size, 0);
  if (total !== m.payload.size) add('payload.size', `is ${m.payload.size} but the parts add up to ${total}`);
  if (m.payload.size > MAX_PAYLOAD_BYTES) add('payload.size', 'is larger than a package can hold (4 GiB)');
  if (m.time.created >= m.time.expires) add('time.expires', 'must be after time.created');
  if (m.time.expires.slice(0, 10) > m.agreement.endsOn) add('time.expires', 'must not be after the agreement ends (agreement.endsOn)');
  if (m.time.destroyBy < m.time.expires.slice(0, 10)) add('time.destroyBy', 'must not be before the import deadline (time.expires)');
  const seen = new Set<string>();
  m.dataset.fields.forEach((f, i) => {
    if (seen.has(f)) add(`dataset.fields[${i}]`, `lists ${f} twice`);
    seen.add(f);
  });
  if (m.identity.sequence === 1 && m.identity.previousPackageSha256 !== null) add('identity.previousPackageSha256', 'must be null for the first package');
  if (m.identity.sequence > 1 && m.identity.previousPackageSha256 === null) add('identity.previousPackageSha256', 'must name the previous package');
  return problems;
}

/** `payload/part-000001.p7m` for n = 1. */
export function chunkEntryName(n: number): string {
  return `payload/part-${String(n).padStart(6, '0')}.p7m`;
}

/**
 * Parses manifest.json text: JSON, then the schema, then checkManifest. The byte cap is checked
 * by the caller before decoding (it has the bytes; this module has only text).
 */
export function parseManifest(text: string): { ok: true; manifest: Manifest } | { ok: false; problems: ManifestProblem[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ field: 'manifest.json', message: 'is not valid JSON' }] };
  }
  const parsed = Manifest.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'manifest.json', message: i.message })) };
  }
  const problems = checkManifest(parsed.data);
  return problems.length ? { ok: false, problems } : { ok: true, manifest: parsed.data };
}
