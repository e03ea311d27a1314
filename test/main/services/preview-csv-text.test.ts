import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, readingAgreement, firstName } from '../../helpers/agreement-district';
import { createAgreement } from '../../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../../main/services/agreement-review';
import { previewCsvText, previewExportCsv, previewRecords } from '../../../main/services/preview-service';
import { dispatch } from '../../../main/ipc/dispatch';

/** The preview screen's "Save as CSV": the text it saves is the records.csv the export would write. */
let store: TempStore;
let agreementId: string;

beforeEach(() => {
  store = tempStore('district', { now: '2026-09-15T12:00:00Z' });
  seedAgreementDistrict(store.ctx, 40);
  const created = createAgreement(store.ctx, { content: readingAgreement() });
  agreementId = created.agreementId;
  submitAgreement(store.ctx, { agreementId, version: 1 });
  approveAgreement(store.ctx, { agreementId, version: 1, contentHash: created.contentHash, reviewerName: 'R. Counsel' });
  activateAgreement(store.ctx, { agreementId, version: 1 });
});
afterEach(() => store.cleanup());

const target = { agreementId: '', version: 1, roleId: 'tutor', asOf: '2026-09-15' };

describe('preview-csv (the window saves the preview)', () => {
  it('returns byte for byte what the export serialiser writes, under a file name saying what it holds', () => {
    const t = { ...target, agreementId };
    const text = previewCsvText(store.ctx, t);
    expect(text.csv).toBe([...previewRecords(store.ctx, { ...t, purpose: 'preview' })].join(''));
    const file = join(store.dir, 'preview.csv');
    const written = previewExportCsv(store.ctx, { ...t, filePath: file });
    expect(Buffer.from(text.csv, 'utf8').equals(readFileSync(file))).toBe(true);
    expect(text.rows).toBe(written.rows);
    expect(text.fileName).toBe(`preview-${agreementId}-v1-tutor-2026-09-15.csv`);
  });

  it('reviewer mode holds no real names and says so in the file name', () => {
    const text = previewCsvText(store.ctx, { ...target, agreementId, reviewer: true });
    expect(text.csv).not.toContain(firstName(1));
    expect(text.csv).not.toMatch(/Kid\d{4}/);
    expect(text.fileName).toMatch(/-reviewer\.csv$/);
  });

  it('is audited as an export, and reachable through the contract', async () => {
    const before = store.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'preview.export-csv'`).pluck().get() as number;
    const reply = await dispatch(store.ctx, 'preview-csv', { ...target, agreementId });
    expect(reply.ok).toBe(true);
    const after = store.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'preview.export-csv'`).pluck().get() as number;
    expect(after).toBe(before + 1);
  });
});
