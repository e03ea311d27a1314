import { describe, expect, it } from 'vitest';
import { invokeWithSaveDialog, needsSaveDialog, type SaveChoice } from '../../../main/electron/save-dialog-policy';
import { contract } from '../../../shared/api/contract';
import type { Reply } from '../../../shared/api/result';

/** The shell's rule for requests that save to a file: the dialog chooses the path, never the window. */
function run(channel: string, args: unknown, dialogAnswer: string | null) {
  const asked: SaveChoice[] = [];
  const sent: { channel: string; args: unknown }[] = [];
  const reply = invokeWithSaveDialog(channel, args, (c) => { asked.push(c); return Promise.resolve(dialogAnswer); }, (c, a) => {
    sent.push({ channel: c, args: a });
    return Promise.resolve({ ok: true, value: 'done' } as Reply<unknown>);
  });
  return { reply, asked, sent };
}

describe('save dialog policy', () => {
  it('asks the dialog for the preview CSV\'s path and passes the request on with it, replacing any path the window sent', async () => {
    const r = run('preview-save-csv', { agreementId: 'agr 1', version: 2, roleId: 'tutor', filePath: '/etc/passwd' }, '/home/me/preview.csv');
    expect(await r.reply).toEqual({ ok: true, value: 'done' });
    expect(r.asked.map((a) => a.defaultName)).toEqual(['preview-agr-1-v2-tutor.csv']);
    expect(r.sent).toEqual([{ channel: 'preview-save-csv', args: { agreementId: 'agr 1', version: 2, roleId: 'tutor', filePath: '/home/me/preview.csv' } }]);
  });

  it('a cancelled dialog sends nothing on and answers saved: false', async () => {
    const r = run('preview-save-csv', { agreementId: 'a', version: 1, roleId: 'tutor' }, null);
    expect(await r.reply).toEqual({ ok: true, value: { saved: false } });
    expect(r.sent).toEqual([]);
  });

  it('every other request goes straight through, without a dialog', async () => {
    const r = run('preview-rows', { x: 1 }, '/tmp/never.csv');
    await r.reply;
    expect(r.asked).toEqual([]);
    expect(r.sent).toEqual([{ channel: 'preview-rows', args: { x: 1 } }]);
  });

  it('a signed destruction certificate is saved again under the name it had when the records were destroyed, path from the dialog only', async () => {
    const target = { destructionId: 'd-1', agreementId: 'agr 7/b', destroyedOn: '2027-08-31' };
    const r = run('destruction-certificate-save', { ...target, filePath: '/etc/cron.d/x' }, '/home/me/cert.p7s');
    await r.reply;
    expect(r.asked).toEqual([{ title: 'Save the signed destruction certificate', defaultName: 'destruction_agr-7-b_2027-08-31.p7s', filters: [{ name: 'Signed certificate (CMS)', extensions: ['p7s'] }] }]);
    expect(r.sent).toEqual([{ channel: 'destruction-certificate-save', args: { ...target, filePath: '/home/me/cert.p7s' } }]);
    const cancelled = run('destruction-certificate-save', target, null);
    expect(await cancelled.reply).toEqual({ ok: true, value: { saved: false } });
    expect(cancelled.sent).toEqual([]);
  });

  it('lists only channels of the contract', () => {
    expect(needsSaveDialog('preview-save-csv')).toBe(true);
    expect(Object.keys(contract).filter(needsSaveDialog).sort()).toEqual(['destruction-certificate-save', 'preview-save-csv']);
  });
});
