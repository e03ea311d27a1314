import type { Reply } from '../../shared/api/result';
import { PreviewTarget, previewCsvFileName } from '../../shared/api/preview-api';
import { DestructionTarget } from '../../shared/api/packages-api';
import { destructionFileName } from '../../shared/package/destruction';

/**
 * Requests that write a file the user chooses. The window never names the path: the shell shows
 * the save dialog (main/electron/ipc.ts with Electron's dialog; the e2e harness with a path the
 * test supplies), puts the chosen path in `filePath`, replacing anything the window sent, and
 * only then passes the request to the services. Cancelling the dialog sends nothing on and
 * answers `{ saved: false }`. Pure, so the app and the e2e harness run the same rule.
 */
export interface SaveChoice {
  title: string;
  /** The file name the dialog suggests. */
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
}

const saveChannels: Record<string, (args: unknown) => SaveChoice> = {
  'preview-save-csv': (args) => {
    const t = PreviewTarget.safeParse(args);
    return {
      title: 'Save the preview as CSV',
      // Bad arguments still get a dialog; the services refuse them with the contract's words afterwards.
      defaultName: t.success ? previewCsvFileName(t.data) : 'preview.csv',
      filters: [{ name: 'CSV', extensions: ['csv'] }],
    };
  },
  'destruction-certificate-save': (args) => {
    const t = DestructionTarget.safeParse(args);
    return {
      title: 'Save the signed destruction certificate',
      // The name it had when the records were destroyed.
      defaultName: t.success ? destructionFileName(t.data.agreementId, t.data.destroyedOn) : 'destruction-certificate.p7s',
      filters: [{ name: 'Signed certificate (CMS)', extensions: ['p7s'] }],
    };
  },
};

/** True when `channel` writes to a file chosen in a save dialog. */
export function needsSaveDialog(channel: string): boolean {
  return Object.prototype.hasOwnProperty.call(saveChannels, channel);
}

/**
 * Runs one request from the window: a save request asks `choose` for the path first (null:
 * cancelled); every other request goes straight to `invoke`.
 */
export async function invokeWithSaveDialog(
  channel: string,
  args: unknown,
  choose: (choice: SaveChoice) => Promise<string | null>,
  invoke: (channel: string, args: unknown) => Promise<Reply<unknown>>,
): Promise<Reply<unknown>> {
  if (!needsSaveDialog(channel)) return invoke(channel, args);
  const filePath = await choose(saveChannels[channel]!(args));
  if (!filePath) return { ok: true, value: { saved: false } };
  const sent = args !== null && typeof args === 'object' ? args : {};
  return invoke(channel, { ...sent, filePath });
}
