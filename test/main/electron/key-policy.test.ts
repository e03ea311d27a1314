import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { chooseKeyProtection, keyFromUnwrapped, parseWrappedKey, serializeWrappedKey } from '../../../main/electron/key-policy';
import { appPaths, storeFiles } from '../../../main/electron/app-paths';

describe('store key protection', () => {
  it('uses the OS keychain where it really encrypts', () => {
    expect(chooseKeyProtection({ platform: 'darwin', encryptionAvailable: true, passphraseGiven: false })).toEqual({ kind: 'safe-storage' });
    expect(chooseKeyProtection({ platform: 'win32', encryptionAvailable: true, passphraseGiven: false })).toEqual({ kind: 'safe-storage' });
    expect(chooseKeyProtection({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'gnome_libsecret', passphraseGiven: false })).toEqual({ kind: 'safe-storage' });
  });

  it("refuses Linux's basic_text backend unless the user sets a passphrase, and says what to do", () => {
    const refused = chooseKeyProtection({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text', passphraseGiven: false });
    expect(refused.kind).toBe('refuse');
    expect(refused.kind === 'refuse' && refused.message).toMatch(/STEWARD_PASSPHRASE.*keyring/);
    expect(chooseKeyProtection({ platform: 'linux', encryptionAvailable: true, linuxBackend: 'basic_text', passphraseGiven: true })).toEqual({ kind: 'passphrase' });
    expect(chooseKeyProtection({ platform: 'win32', encryptionAvailable: false, passphraseGiven: false }).kind).toBe('refuse');
  });

  it('round-trips the wrapped key file and rejects damaged ones by file name', () => {
    const wrapped = new Uint8Array([1, 2, 3, 250]);
    expect([...parseWrappedKey(serializeWrappedKey(wrapped), 'k.json')]).toEqual([1, 2, 3, 250]);
    expect(() => parseWrappedKey('{oops', 'k.json')).toThrow(/k\.json is damaged/);
    expect(() => parseWrappedKey('{"version":2,"protection":"safe-storage","wrapped":"AA=="}', 'k.json')).toThrow(/k\.json is not a Steward key file/);
    const key = Buffer.alloc(32, 9);
    expect(keyFromUnwrapped(key.toString('base64'), 'k.json').equals(key)).toBe(true);
    expect(() => keyFromUnwrapped('c2hvcnQ=', 'k.json')).toThrow(/not a Steward store key/);
  });
});

describe('app paths', () => {
  it('loads the Electron build of the SQLite module from outside the asar archive when packaged', () => {
    const packaged = appPaths({ appPath: '/Apps/Steward/resources/app.asar', resourcesPath: '/Apps/Steward/resources', isPackaged: true, userData: '/home/u/.config/Steward' }, '/Apps/Steward/resources/app.asar/dist/main/electron');
    expect(packaged.nativeBinding).toBe(join('/Apps/Steward/resources/app.asar.unpacked', 'out', 'native', 'better_sqlite3.node'));
    expect(packaged.rendererRoot).toBe('/Apps/Steward/resources/app.asar/renderer/dist');
    expect(packaged.preload).toBe('/Apps/Steward/resources/app.asar/dist/main/preload.js');
    expect(packaged.storeChoice).toBe('/home/u/.config/Steward/store-choice.json');
    const dev = appPaths({ appPath: '/src/steward', resourcesPath: '/x', isPackaged: false, userData: '/u' }, '/src/steward/dist/main/electron');
    expect(dev.nativeBinding).toBe('/src/steward/out/native/better_sqlite3.node');
  });

  it('gives each kind of store its own file and key file; the district keeps the names installations already have', () => {
    expect(storeFiles('/home/u/.config/Steward', 'district')).toEqual({ store: '/home/u/.config/Steward/district.db', storeKey: '/home/u/.config/Steward/district.key.json' });
    expect(storeFiles('/home/u/.config/Steward', 'partner')).toEqual({ store: '/home/u/.config/Steward/partner.db', storeKey: '/home/u/.config/Steward/partner.key.json' });
  });
});
