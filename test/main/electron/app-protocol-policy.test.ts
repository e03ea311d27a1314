import { describe, expect, it } from 'vitest';
import * as path from 'node:path';
import { APP_ORIGIN, resolveAppRequest } from '../../../main/electron/app-protocol-policy';

const root = '/opt/steward/renderer/dist';

function fileOf(url: string, method = 'GET') {
  const d = resolveAppRequest(method, url, root);
  return d.kind === 'file' ? d.filePath : `refused ${d.status}`;
}

describe('app:// request policy', () => {
  it('serves the entry page for / and /index.html, and built assets by type', () => {
    expect(resolveAppRequest('GET', `${APP_ORIGIN}/`, root)).toMatchObject({ kind: 'file', filePath: `${root}/index.html`, isEntry: true, contentType: 'text/html; charset=utf-8' });
    expect(fileOf(`${APP_ORIGIN}/index.html#/students`)).toBe(`${root}/index.html`);
    expect(resolveAppRequest('GET', `${APP_ORIGIN}/assets/index-abc.js`, root)).toMatchObject({ kind: 'file', filePath: `${root}/assets/index-abc.js`, contentType: 'text/javascript; charset=utf-8', isEntry: false });
    expect(fileOf(`${APP_ORIGIN}/assets/index-abc.css?v=1`)).toBe(`${root}/assets/index-abc.css`);
  });

  it('answers GET only', () => {
    for (const m of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) expect(fileOf(`${APP_ORIGIN}/index.html`, m)).toBe('refused 405');
  });

  it('keeps plain dot-dot requests inside the folder (the URL parser folds them first)', () => {
    expect(fileOf(`${APP_ORIGIN}/../secret.js`)).toBe(`${root}/secret.js`);
    expect(fileOf(`${APP_ORIGIN}/assets/../../x.js`)).toBe(`${root}/x.js`);
    expect(fileOf(`${APP_ORIGIN}/assets/%2E%2E/%2e%2e/x.js`)).toBe(`${root}/x.js`);
  });

  it('refuses every encoded or odd way out of the folder', () => {
    for (const p of ['/..%2fx.js', '/..%5cx.js', '/a%00.js', '/C:/Windows/x.js', '//etc/passwd.js', '/.env', '/assets/.hidden.js']) {
      expect(fileOf(`${APP_ORIGIN}${p}`), p).toMatch(/^refused (403|404)$/);
    }
  });

  it('refuses other hosts and schemes', () => {
    expect(fileOf('app://other/index.html')).toBe('refused 403');
    expect(fileOf('https://steward/index.html')).toBe('refused 403');
    expect(fileOf('not a url')).toBe('refused 404');
  });

  it('serves only known file types (no source maps, no databases)', () => {
    expect(fileOf(`${APP_ORIGIN}/assets/index.js.map`)).toBe('refused 404');
    expect(fileOf(`${APP_ORIGIN}/district.db`)).toBe('refused 404');
    expect(fileOf(`${APP_ORIGIN}/assets/README`)).toBe('refused 404');
  });

  it('keeps Windows paths inside the root too', () => {
    const winRoot = 'C:\\Program Files\\Steward\\resources\\app.asar\\renderer\\dist';
    const ok = resolveAppRequest('GET', `${APP_ORIGIN}/assets/a.js`, winRoot, APP_ORIGIN, path.win32);
    expect(ok).toMatchObject({ kind: 'file', filePath: `${winRoot}\\assets\\a.js` });
    expect(resolveAppRequest('GET', `${APP_ORIGIN}/..%5C..%5Cx.js`, winRoot, APP_ORIGIN, path.win32)).toMatchObject({ kind: 'refuse' });
    expect(resolveAppRequest('GET', `${APP_ORIGIN}/D:%5Cx.js`, winRoot, APP_ORIGIN, path.win32)).toMatchObject({ kind: 'refuse' });
  });

  it('answers for the origin it is given (the e2e test server)', () => {
    expect(fileOf('http://127.0.0.1:4173/index.html')).toBe('refused 403');
    expect(resolveAppRequest('GET', 'http://127.0.0.1:4173/index.html', root, 'http://127.0.0.1:4173')).toMatchObject({ kind: 'file', isEntry: true });
  });
});
