import type { Session, WebContents } from 'electron';
import { isAllowedNavigation, isAllowedRequest, isPermissionAllowed, windowOpenAction } from './navigation-policy';

/**
 * Session-wide defaults (Electron security checklist): no permission is ever granted, and no
 * request leaves the app — only app:// and data: load; everything else is cancelled.
 */
export function hardenSession(ses: Session, opts: { devTools: boolean }): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url, opts) }));
  // The spell checker would download dictionaries from the network.
  ses.setSpellCheckerEnabled(false);
}

/** Every web contents (app.on('web-contents-created')): no navigation away, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => windowOpenAction());
}
