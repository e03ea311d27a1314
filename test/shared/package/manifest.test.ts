import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../shared/util/canonical-json';
import { checkManifest, chunkEntryName, parseManifest, PACKAGE_ALGORITHMS, type Manifest } from '../../../shared/package/manifest';

const h = (c: string) => c.repeat(64);

function manifest(): Manifest {
  return {
    identity: { format: 'SDX', formatVersion: 1, packageId: '5f0c6a3e-1b2d-4c8e-9a7b-000000000001', sequence: 2, previousPackageSha256: h('a') },
    agreement: { id: 'agr-1', version: 3, documentSha256: h('b'), endsOn: '2027-06-30' },
    parties: {
      district: { id: 'district-1', signerCertSha256: h('c') },
      partner: { id: 'partner-1', recipientCertSha256: h('d') },
      role: 'tutor',
      purpose: 'Tutoring',
      legalBasis: 'school-official',
    },
    dataset: { fields: ['student.localId', 'student.grade'], recordCount: 10, schemaVersion: 1 },
    payload: {
      container: 'ustar',
      algorithms: { ...PACKAGE_ALGORITHMS },
      size: 150,
      sha256: h('e'),
      chunks: [
        { name: chunkEntryName(1), size: 100, sha256: h('1'), cmsSize: 700, cmsSha256: h('2') },
        { name: chunkEntryName(2), size: 50, sha256: h('3'), cmsSize: 650, cmsSha256: h('4') },
      ],
    },
    time: { created: '2026-09-15T12:00:00Z', expires: '2026-10-15T12:00:00Z', destroyBy: '2027-07-31' },
  };
}

describe('parseManifest', () => {
  it('accepts a sound manifest in canonical JSON', () => {
    const r = parseManifest(canonicalJson(manifest()));
    expect(r).toEqual({ ok: true, manifest: manifest() });
  });

  it('names the field for schema problems: unknown keys, weaker algorithms, bad hashes', () => {
    const m = manifest() as unknown as Record<string, Record<string, unknown>>;
    m.payload!.algorithms = { ...PACKAGE_ALGORITHMS, content: 'AES-128-CBC' };
    m.identity!.extra = 1;
    m.agreement!.documentSha256 = 'ABC';
    const r = parseManifest(JSON.stringify(m));
    expect(r.ok).toBe(false);
    const fields = r.ok ? [] : r.problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['payload.algorithms.content', 'identity', 'agreement.documentSha256']));
  });

  it('says when the text is not JSON', () => {
    expect(parseManifest('{')).toEqual({ ok: false, problems: [{ field: 'manifest.json', message: 'is not valid JSON' }] });
  });
});

describe('checkManifest', () => {
  const problemsOf = (change: (m: Manifest) => void) => {
    const m = manifest();
    change(m);
    return checkManifest(m).map((p) => p.field);
  };

  it('finds nothing wrong with a sound manifest', () => {
    expect(checkManifest(manifest())).toEqual([]);
  });
  it('sizes must add up', () => {
    expect(problemsOf((m) => (m.payload.size = 151))).toEqual(['payload.size']);
  });
  it('parts are numbered from 1 in order', () => {
    expect(problemsOf((m) => m.payload.chunks.reverse())).toContain('payload.chunks[0].name');
  });
  it('every part but the last has the same size', () => {
    expect(problemsOf((m) => { m.payload.chunks[0]!.size = 50; m.payload.chunks[1]!.size = 100; })).toEqual(['payload.chunks[1].size']);
  });
  it('the import deadline is after creation and not after the agreement ends', () => {
    expect(problemsOf((m) => (m.time.expires = '2026-09-01T00:00:00Z'))).toEqual(['time.expires']);
    expect(problemsOf((m) => { m.time.expires = '2027-07-01T00:00:00Z'; })).toEqual(['time.expires']);
  });
  it('destroy-by is not before the import deadline', () => {
    expect(problemsOf((m) => (m.time.destroyBy = '2026-10-01'))).toEqual(['time.destroyBy']);
  });
  it('fields are unique', () => {
    expect(problemsOf((m) => m.dataset.fields.push('student.grade'))).toEqual(['dataset.fields[2]']);
  });
  it('the first package has no predecessor and later ones name theirs', () => {
    expect(problemsOf((m) => (m.identity.sequence = 1))).toEqual(['identity.previousPackageSha256']);
    expect(problemsOf((m) => (m.identity.previousPackageSha256 = null))).toEqual(['identity.previousPackageSha256']);
  });
});
