import { safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { chooseKeyProtection, keyFromUnwrapped, parseWrappedKey, serializeWrappedKey } from './key-policy';
import { createPassphraseKey, keyInfoPath, openPassphraseKey } from '../db/key';

/**
 * The store key in the app: 32 random bytes wrapped with safeStorage (the OS keychain) in the
 * store's own key file (userData/district.key.json, userData/partner.key.json: app-paths.ts).
 * Where safeStorage would not protect it (Linux basic_text), a passphrase from
 * STEWARD_PASSPHRASE protects it instead, as in the CLI; without one we refuse.
 */
export function loadOrCreateStoreKey(storePath: string, keyFile: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const passphrase = env.STEWARD_PASSPHRASE;
  const protection = chooseKeyProtection({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
    passphraseGiven: !!passphrase,
  });
  if (protection.kind === 'refuse') throw new Error(protection.message);
  if (protection.kind === 'passphrase' || existsSync(keyInfoPath(storePath))) {
    if (!passphrase) throw new Error(`The store ${storePath} is protected by a passphrase. Start Steward with STEWARD_PASSPHRASE set.`);
    return existsSync(keyInfoPath(storePath)) ? openPassphraseKey(storePath, passphrase) : createPassphraseKey(storePath, passphrase);
  }
  if (existsSync(keyFile)) {
    const wrapped = parseWrappedKey(readFileSync(keyFile, 'utf8'), keyFile);
    return keyFromUnwrapped(safeStorage.decryptString(wrapped), keyFile);
  }
  if (existsSync(storePath)) {
    throw new Error(`The store ${storePath} exists but its key file ${keyFile} is missing. Restore the key file from a backup taken with the store.`);
  }
  const key = randomBytes(32);
  writeFileSync(keyFile, serializeWrappedKey(safeStorage.encryptString(key.toString('base64'))), { mode: 0o600, flag: 'wx' });
  return key;
}
