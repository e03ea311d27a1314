import { randomBytes, scryptSync, createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { StewardError } from '../../shared/api/result';

/**
 * Key handling for the CLI and tests: a passphrase stretched with scrypt. The salt and KDF
 * parameters live beside the store in `<store>.keyinfo` (no secret in it). The app instead wraps
 * a random key with Electron safeStorage (main/electron/store-key.ts).
 */
export interface KeyInfo {
  version: 1;
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  salt: string;
  /** SHA-256 of the derived key, truncated: tells a wrong passphrase apart from a damaged store. */
  check: string;
}

/** scrypt cost. 2^15 takes ~80 ms here; tests may lower it through STEWARD_KDF_COST_LOG2. */
function defaultCost(): number {
  const fromEnv = Number(process.env.STEWARD_KDF_COST_LOG2);
  return Number.isInteger(fromEnv) && fromEnv >= 10 && fromEnv <= 20 ? 2 ** fromEnv : 2 ** 15;
}

export function keyInfoPath(storePath: string): string {
  return `${storePath}.keyinfo`;
}

function derive(passphrase: string, info: Omit<KeyInfo, 'check'>): Buffer {
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(info.salt, 'base64'), 32, {
    N: info.N,
    r: info.r,
    p: info.p,
    maxmem: 256 * info.N * info.r + 1024 * 1024,
  });
}

function checkOf(key: Buffer): string {
  return createHash('sha256').update('steward-key-check').update(key).digest('hex').slice(0, 16);
}

/** Creates key info for a new store and returns the derived key. */
export function createPassphraseKey(storePath: string, passphrase: string): Buffer {
  if (passphrase.length < 8) {
    throw new StewardError('BAD_INPUT', 'The passphrase must be at least 8 characters long. Choose a longer one.');
  }
  const base = { version: 1 as const, kdf: 'scrypt' as const, N: defaultCost(), r: 8, p: 1, salt: randomBytes(16).toString('base64') };
  const key = derive(passphrase, base);
  const info: KeyInfo = { ...base, check: checkOf(key) };
  writeFileSync(keyInfoPath(storePath), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });
  return key;
}

/** Derives the key of an existing store; a wrong passphrase is a clear error, not a crash. */
export function openPassphraseKey(storePath: string, passphrase: string): Buffer {
  const file = keyInfoPath(storePath);
  if (!existsSync(file)) {
    throw new StewardError('NOT_FOUND', `The key file ${file} is missing, so the store cannot be opened. Restore it from the backup taken with the store.`);
  }
  let info: KeyInfo;
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as KeyInfo;
  } catch {
    throw new StewardError('BAD_INPUT', `The key file ${file} is damaged (not JSON). Restore it from the backup taken with the store.`);
  }
  if (info.version !== 1 || info.kdf !== 'scrypt') {
    throw new StewardError('STORE_TOO_NEW', `The key file ${file} was written by a newer Steward. Update Steward to open this store.`);
  }
  const key = derive(passphrase, info);
  const a = Buffer.from(checkOf(key));
  const b = Buffer.from(info.check);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new StewardError('WRONG_PASSPHRASE', `The passphrase does not open ${storePath}. Check STEWARD_PASSPHRASE (or what you typed) and try again.`);
  }
  return key;
}
