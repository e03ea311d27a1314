import { BrowserWindow, dialog, ipcMain, type SaveDialogOptions } from 'electron';
import type { Reply } from '../../shared/api/result';
import { isTrustedSender } from './sender-policy';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';
import type { ServiceClient } from './service-client';
import { invokeWithSaveDialog, type SaveChoice } from './save-dialog-policy';

const FORBIDDEN: Reply<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the Steward window and was refused.' } };

/**
 * The one IPC entry point. The sender frame is checked on every call; the renderer gets a Reply
 * (never an exception, never the event object). Validation of the arguments happens in the
 * service host (dispatch() parses them with the channel's zod schema). Requests that save to a
 * file show the save dialog here first (save-dialog-policy.ts).
 */
export function registerIpc(services: ServiceClient): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, args: unknown): Promise<Reply<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
    if (typeof channel !== 'string' || channel.length > 100) {
      return { ok: false, error: { code: 'BAD_INPUT', message: 'The request name is missing or invalid.' } };
    }
    const win = BrowserWindow.fromWebContents(event.sender);
    return invokeWithSaveDialog(channel, args, (choice) => chooseSavePath(win, choice), (c, a) => services.invoke(c, a));
  });
}

/** The native save dialog, modal to the window (the renderer never names a path itself). */
async function chooseSavePath(win: BrowserWindow | null, choice: SaveChoice): Promise<string | null> {
  const options: SaveDialogOptions = { title: choice.title, defaultPath: choice.defaultName, filters: choice.filters, properties: ['createDirectory', 'showOverwriteConfirmation'] };
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return r.canceled || !r.filePath ? null : r.filePath;
}

/** Push events go only to our own document in the window's top frame. */
export function forwardEvents(services: ServiceClient, win: BrowserWindow): () => void {
  return services.onEvent((event, payload) => {
    if (win.isDestroyed()) return;
    const contents = win.webContents;
    if (!isTrustedSender(contents.mainFrame)) return;
    contents.send(EVENT_CHANNEL, { event, payload });
  });
}
