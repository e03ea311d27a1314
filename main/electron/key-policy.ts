/**
 * How the app protects the store key (ARCHITECTURE.md, Storage): 32 random bytes, wrapped with the
 * OS keychain through Electron safeStorage. On Linux, safeStorage's `basic_text` backend "encrypts"
 * with a hard-coded password, so it protects nothing: refuse it unless the user gives a passphrase,
 * which then protects the key instead (scrypt, as in the CLI). Pure decisions and file format only;
 * store-key.ts does the Electron and file I/O.
 */

export type KeyProtection =
  | { kind: 'safe-storage' }
  | { kind: 'passphrase' }
  | { kind: 'refuse'; message: string };

export interface KeyEnvironment {
  platform: NodeJS.Platform;
  /** safeStorage.isEncryptionAvailable() */
  encryptionAvailable: boolean;
  /** safeStorage.getSelectedStorageBackend() on Linux; undefined elsewhere. */
  linuxBackend?: string;
  /** A passphrase the user set (STEWARD_PASSPHRASE), if any. */
  passphraseGiven: boolean;
}

const WEAK_LINUX_BACKENDS = new Set(['basic_text', 'unknown']);

export function chooseKeyProtection(env: KeyEnvironment): KeyProtection {
  const weak = !env.encryptionAvailable || (env.platform === 'linux' && WEAK_LINUX_BACKENDS.has(env.linuxBackend ?? 'unknown'));
  if (!weak) return { kind: 'safe-storage' };
  if (env.passphraseGiven) return { kind: 'passphrase' };
  const why = env.platform === 'linux'
    ? `no system keyring is available (the ${env.linuxBackend ?? 'unknown'} backend would store the key with a fixed, public password)`
    : 'the operating system cannot encrypt the key for this user';
  return {
    kind: 'refuse',
    message: `Steward cannot protect the store's key on this computer: ${why}. ` +
      'Start Steward with a passphrase in the STEWARD_PASSPHRASE environment variable (at least 8 characters), ' +
      'or install and unlock a keyring (GNOME Keyring or KWallet), then start Steward again.',
  };
}

/** The key file in the user-data folder: the safeStorage-wrapped key, never the key itself. */
export interface WrappedKeyFile {
  version: 1;
  protection: 'safe-storage';
  /** base64 of safeStorage.encryptString(base64(key)). */
  wrapped: string;
}

export function serializeWrappedKey(wrapped: Uint8Array): string {
  const file: WrappedKeyFile = { version: 1, protection: 'safe-storage', wrapped: Buffer.from(wrapped).toString('base64') };
  return JSON.stringify(file, null, 2) + '\n';
}

/** Parses the key file; a damaged or foreign file is a clear error naming the file. */
export function parseWrappedKey(text: string, fileName: string): Buffer {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`The key file ${fileName} is damaged (not JSON). Restore it from a backup taken with the store.`);
  }
  const f = data as Partial<WrappedKeyFile> | null;
  if (!f || f.version !== 1 || f.protection !== 'safe-storage' || typeof f.wrapped !== 'string' || !/^[A-Za-z0-9+/]+=*$/.test(f.wrapped)) {
    throw new Error(`The key file ${fileName} is not a Steward key file, or was written by a newer Steward.`);
  }
  return Buffer.from(f.wrapped, 'base64');
}

/** The unwrapped text must be exactly 32 bytes of base64, or the key file belongs to something else. */
export function keyFromUnwrapped(text: string, fileName: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) {
    throw new Error(`The key in ${fileName} is not a Steward store key. Restore the key file from a backup taken with the store.`);
  }
  return key;
}
