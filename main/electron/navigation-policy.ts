import { APP_ORIGIN } from './app-protocol-policy';

/**
 * What the app's web contents may load, navigate to or ask for. Default deny: the app is one
 * page served from app://steward; screens change by hash, which is not a navigation. Pure, so
 * the rules are unit-tested without Electron; security.ts wires them to the session and windows.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The app's own document, whatever its hash (a reload of the current screen). */
export function isAppDocument(url: string): boolean {
  const u = parse(url);
  return !!u && `${u.protocol}//${u.host}` === APP_ORIGIN && (u.pathname === '/index.html' || u.pathname === '/') && u.search === '';
}

/** `will-navigate` / `will-redirect` / `will-frame-navigate`: only to the app document itself. */
export function isAllowedNavigation(url: string): boolean {
  return isAppDocument(url);
}

/**
 * `session.webRequest.onBeforeRequest`: the app makes no network calls at all. Only the app's
 * own files (app://steward/...) and inline data: images (ag-grid icons) may load; http(s), ws,
 * file, ftp, blob and every other scheme or host is cancelled. DevTools may load its own
 * devtools:// pages only in a development build.
 */
export function isAllowedRequest(url: string, opts: { devTools?: boolean } = {}): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === 'data:') return true;
  if (`${u.protocol}//${u.host}` === APP_ORIGIN) return true;
  if (opts.devTools && u.protocol === 'devtools:') return true;
  return false;
}

/** Every permission (camera, notifications, clipboard, geolocation, HID, serial ...) is refused. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}

/** `setWindowOpenHandler`: no new windows, and no opening links in the system browser either. */
export function windowOpenAction(): { action: 'deny' } {
  return { action: 'deny' };
}
