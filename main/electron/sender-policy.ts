import { isAppDocument } from './navigation-policy';

/** The parts of Electron's WebFrameMain the check reads (kept structural so tests need no Electron). */
export interface SenderFrameLike {
  url: string;
  /** The parent frame, or null for a top-level frame. */
  parent: unknown;
}

/**
 * Every IPC call is checked against its sender frame (Electron checklist item 17): only the top
 * frame of our own document may call the services. A destroyed or navigated-away frame (null),
 * an iframe, or any other origin is refused, even if it somehow got the preload.
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame) return false;
  if (frame.parent !== null) return false;
  return isAppDocument(frame.url);
}
