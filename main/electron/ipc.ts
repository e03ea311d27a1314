import { ipcMain, type BrowserWindow } from 'electron';
import type { Reply } from '../../shared/api/result';
import { isTrustedSender } from './sender-policy';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';
import type { ServiceClient } from './service-client';

const FORBIDDEN: Reply<never> = { ok: false, error: { code: 'FORBIDDEN', message: 'This request did not come from the Steward window and was refused.' } };

/**
 * The one IPC entry point. The sender frame is checked on every call; the renderer gets a Reply
 * (never an exception, never the event object). Validation of the arguments happens in the
 * service host (dispatch() parses them with the channel's zod schema).
 */
export function registerIpc(services: ServiceClient): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, args: unknown): Promise<Reply<unknown>> => {
    if (!isTrustedSender(event.senderFrame)) return FORBIDDEN;
    if (typeof channel !== 'string' || channel.length > 100) {
      return { ok: false, error: { code: 'BAD_INPUT', message: 'The request name is missing or invalid.' } };
    }
    return services.invoke(channel, args);
  });
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
