import { mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { seedAgreementDistrict, readingAgreement, firstName } from '../../helpers/agreement-district';
import { createAgreement } from '../../../main/services/agreements-service';
import { activateAgreement, approveAgreement, submitAgreement } from '../../../main/services/agreement-review';
import { previewRecords } from '../../../main/services/preview-service';
import { dispatch } from '../../../main/ipc/dispatch';
import { invokeWithSaveDialog, type SaveChoice } from '../../../main/electron/save-dialog-policy';

/**
 * The preview screen's "Save as CSV": the shell asks where (the save dialog), the services write
 * the records.csv bytes straight to that file and answer with a summary only.
 */
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

const target = () => ({ agreementId, version: 1, roleId: 'tutor', asOf: '2026-09-15' });
const exportsAudited = () => store.ctx.db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'preview.export-csv'`).pluck().get() as number;

/** The window's request as the shell runs it, with the dialog answering `path` (null: cancelled). */
function saveFromWindow(args: unknown, path: string | null) {
  const asked: SaveChoice[] = [];
  const reply = invokeWithSaveDialog('preview-save-csv', args, (choice) => { asked.push(choice); return Promise.resolve(path); }, (c, a) => dispatch(store.ctx, c, a));
  return { reply, asked };
}

describe('preview-save-csv (the window saves the preview to a file the user chooses)', () => {
  it('writes byte for byte what the export serialiser writes to the chosen file, suggests a name saying what it holds, and answers with a summary only', async () => {
    const file = join(store.dir, 'chosen.csv');
    const { reply, asked } = saveFromWindow(target(), file);
    const r = await reply;
    const expected = Buffer.from([...previewRecords(store.ctx, { ...target(), purpose: 'preview' })].join(''), 'utf8');
    expect(readFileSync(file).equals(expected)).toBe(true);
    expect(r).toEqual({ ok: true, value: { saved: true, filePath: file, fileName: 'chosen.csv', rows: expect.any(Number) as number, bytes: expected.length } });
    expect(r.ok && (r.value as { rows: number }).rows).toBe(expected.toString('utf8').split('\r\n').length - 2);
    expect(asked).toEqual([{ title: 'Save the preview as CSV', defaultName: `preview-${agreementId}-v1-tutor-2026-09-15.csv`, filters: [{ name: 'CSV', extensions: ['csv'] }] }]);
    expect(readdirSync(store.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(exportsAudited()).toBe(1);
  });

  it('writes where the dialog says, never where the window says', async () => {
    const chosen = join(store.dir, 'chosen.csv');
    const r = await saveFromWindow({ ...target(), filePath: join(store.dir, 'sneaky.csv') }, chosen).reply;
    expect(r.ok && (r.value as { filePath: string }).filePath).toBe(chosen);
    expect(readdirSync(store.dir)).not.toContain('sneaky.csv');
  });

  it('cancelling the dialog saves nothing and records nothing', async () => {
    const before = readdirSync(store.dir);
    expect(await saveFromWindow(target(), null).reply).toEqual({ ok: true, value: { saved: false } });
    expect(readdirSync(store.dir)).toEqual(before);
    expect(exportsAudited()).toBe(0);
  });

  it('reviewer mode holds no real names and says so in the suggested name', async () => {
    const file = join(store.dir, 'reviewer.csv');
    const { reply, asked } = saveFromWindow({ ...target(), reviewer: true }, file);
    await reply;
    expect(readFileSync(file, 'utf8')).not.toMatch(new RegExp(`${firstName(1)}|Kid\\d{4}`));
    expect(asked[0]!.defaultName).toMatch(/-reviewer\.csv$/);
  });

  it('a file that cannot be written leaves nothing behind: no file, no temporary file, no audit row', async () => {
    // The chosen name is a folder: the rows are written to the temporary file, the rename fails.
    const folder = join(store.dir, 'taken');
    mkdirSync(folder);
    const r = await saveFromWindow(target(), folder).reply;
    expect(r).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/could not be written to .*taken.*nothing was saved/) } });
    expect(readdirSync(store.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect(readdirSync(folder)).toEqual([]);
    // A folder that does not exist.
    const missing = await saveFromWindow(target(), join(store.dir, 'no-such-folder', 'p.csv')).reply;
    expect(missing).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/check the folder exists/) } });
    expect(exportsAudited()).toBe(0);
  });

  it('without a save dialog (no path chosen) the services refuse plainly', async () => {
    expect(await dispatch(store.ctx, 'preview-save-csv', target())).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: expect.stringMatching(/No file was chosen/) } });
  });
});
