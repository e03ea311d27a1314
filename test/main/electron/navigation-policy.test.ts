import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAllowedRequest, isPermissionAllowed, windowOpenAction } from '../../../main/electron/navigation-policy';
import { isTrustedSender } from '../../../main/electron/sender-policy';

describe('navigation policy', () => {
  it('allows only the app document itself (a reload, any screen)', () => {
    expect(isAllowedNavigation('app://steward/index.html')).toBe(true);
    expect(isAllowedNavigation('app://steward/index.html#/students')).toBe(true);
    expect(isAllowedNavigation('app://steward/')).toBe(true);
  });

  it('denies the web, files, other app pages and look-alike hosts', () => {
    for (const url of ['https://example.org/', 'http://127.0.0.1/', 'file:///etc/passwd', 'app://steward.evil/index.html', 'app://evil/index.html', 'app://steward/other.html', 'app://steward/index.html?x=1', 'javascript:alert(1)', 'data:text/html,hi', 'nonsense']) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });

  it('lets only app:// files and data: images load: no network at all', () => {
    expect(isAllowedRequest('app://steward/assets/a.js')).toBe(true);
    expect(isAllowedRequest('data:image/svg+xml;base64,AAAA')).toBe(true);
    for (const url of ['https://fonts.googleapis.com/css', 'http://localhost:5173/', 'ws://127.0.0.1:1/', 'file:///etc/hosts', 'ftp://x/', 'blob:app://steward/uuid', 'app://other/x.js', 'devtools://devtools/bundled/x.html']) {
      expect(isAllowedRequest(url), url).toBe(false);
    }
    expect(isAllowedRequest('devtools://devtools/bundled/x.html', { devTools: true })).toBe(true);
  });

  it('grants no permission and opens no window', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'hid', 'unknown']) expect(isPermissionAllowed(p)).toBe(false);
    expect(windowOpenAction()).toEqual({ action: 'deny' });
  });
});

describe('IPC sender policy', () => {
  it('trusts only the top frame of the app document', () => {
    expect(isTrustedSender({ url: 'app://steward/index.html#/students', parent: null })).toBe(true);
  });

  it('refuses iframes, foreign origins and destroyed frames', () => {
    expect(isTrustedSender({ url: 'app://steward/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/x.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
  });
});
