import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import type { Configuration } from 'app-builder-lib';
import { NATIVE_BINDING_RELATIVE } from '../../main/electron/app-paths';

/**
 * electron-builder cannot package here (it downloads Electron), so its configuration is checked
 * instead: valid against electron-builder's own schema, and holding the settings the security
 * design depends on.
 */
const root = join(__dirname, '..', '..');
const load = () => getConfig(root, join(root, 'electron-builder.yml'), null);

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's schema", async () => {
    const config = await load();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    expect(config.appId).toBe('org.steward.desktop');
    expect(config.productName).toBe('Steward');
  });

  it('flips every fuse the Electron checklist asks for', async () => {
    const config: Configuration = await load();
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships the Electron build of the SQLite module outside the asar archive, and never rebuilds in place', async () => {
    const config = await load();
    // getConfig normalises `files` to [{ filter: [...] }].
    const files = (config.files as { filter: string[] }[]).flatMap((f) => f.filter);
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/**/*.js', 'renderer/dist/**/*', NATIVE_BINDING_RELATIVE.join('/')]));
    expect(files).toContain('!node_modules/better-sqlite3-multiple-ciphers/build/**');
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('out/native/*.node');
    expect(config.npmRebuild).toBe(false);
    expect(config.nodeGypRebuild).toBe(false);
    expect(config.publish).toBeNull();
  });

  it('builds an NSIS installer for Windows and a hardened, notarisable DMG for macOS', async () => {
    const config = await load();
    expect(JSON.stringify(config.win?.target)).toContain('nsis');
    expect(config.nsis?.deleteAppDataOnUninstall).toBe(false);
    expect(JSON.stringify(config.mac?.target)).toContain('dmg');
    expect(config.mac).toMatchObject({ hardenedRuntime: true, gatekeeperAssess: false, notarize: false, entitlements: 'build/entitlements.mac.plist' });
    expect(config.afterSign).toBe('scripts/notarize.js');
    const entitlements = readFileSync(join(root, 'build', 'entitlements.mac.plist'), 'utf8');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('notarises only when Apple credentials are in the environment', async () => {
    expect(existsSync(join(root, 'scripts', 'notarize.js'))).toBe(true);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the hook is a CommonJS script electron-builder loads the same way
    const hook = require(join(root, 'scripts', 'notarize.js')) as { credentials(env: Record<string, string>): unknown };
    expect(hook.credentials({})).toBeNull();
    expect(hook.credentials({ APPLE_ID: 'a', APPLE_APP_SPECIFIC_PASSWORD: 'p' })).toBeNull();
    expect(hook.credentials({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'iss' })).toEqual({ appleApiKey: 'k.p8', appleApiKeyId: 'id', appleApiIssuer: 'iss' });
  });
});
