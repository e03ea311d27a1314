import * as nodePath from 'node:path';

/**
 * The app:// scheme: the renderer is served from the built files (renderer/dist), never file://.
 * This module decides, without I/O, what a request may read: GET only, inside the root, known
 * file types only. The Electron handler (app-protocol.ts) and the e2e test server both use it.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'steward';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Only these file types are served; anything else in the folder (source maps included) is refused. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
};

export type AppRequestDecision =
  | { kind: 'file'; filePath: string; contentType: string; isEntry: boolean }
  | { kind: 'refuse'; status: 403 | 404 | 405; reason: string };

type PathApi = Pick<typeof nodePath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * Maps a request to a file under `root`, or refuses it. `origin` is the scheme and host the server
 * answers for (app://steward in the app, http://127.0.0.1:port in tests). `pathApi` is injectable
 * so the Windows rules are tested on Linux.
 */
export function resolveAppRequest(method: string, url: string, root: string, origin: string = APP_ORIGIN, pathApi: PathApi = nodePath): AppRequestDecision {
  if (method !== 'GET') return { kind: 'refuse', status: 405, reason: 'only GET is allowed' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refuse', status: 404, reason: 'not a URL' };
  }
  if (`${parsed.protocol}//${parsed.host}` !== origin) return { kind: 'refuse', status: 403, reason: 'foreign origin' };
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'refuse', status: 404, reason: 'bad escape' };
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html';
  const relative = containedRelativePath(pathname);
  if (!relative) return { kind: 'refuse', status: 403, reason: 'path escapes the app folder' };
  const filePath = pathApi.resolve(root, ...relative.split('/'));
  const back = pathApi.relative(pathApi.resolve(root), filePath);
  if (!back || back.startsWith('..') || pathApi.isAbsolute(back)) return { kind: 'refuse', status: 403, reason: 'path escapes the app folder' };
  const ext = extensionOf(relative);
  const contentType = CONTENT_TYPES[ext];
  if (!contentType) return { kind: 'refuse', status: 404, reason: 'file type not served' };
  return { kind: 'file', filePath, contentType, isEntry: relative === 'index.html' };
}

/**
 * A request path as a relative path of plain segments, or null when it tries to leave the root:
 * `..` or `.` segments, empty segments, backslashes, drive letters, NUL, or hidden files.
 */
function containedRelativePath(pathname: string): string | null {
  if (!pathname.startsWith('/')) return null;
  if (/[\\\0:]/.test(pathname)) return null;
  const segments = pathname.slice(1).split('/');
  for (const s of segments) {
    if (s === '' || s === '.' || s === '..' || s.startsWith('.')) return null;
  }
  return segments.join('/');
}

function extensionOf(relative: string): string {
  const last = relative.slice(relative.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  return dot <= 0 ? '' : last.slice(dot).toLowerCase();
}
