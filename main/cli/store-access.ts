import { resolve } from 'node:path';
import { openStore, type StoreMode } from '../db/connection';
import { createPassphraseKey, openPassphraseKey } from '../db/key';
import { createContext, type ServiceContext } from '../services/context';
import { prepareOpenedStore } from '../services/store-opening';
import { StewardError } from '../../shared/api/result';
import type { CliIo } from './types';
import { promptHidden } from './prompt';
import { userInfo } from 'node:os';
import { existsSync } from 'node:fs';

/** The store path: --db, else STEWARD_DB, else ./steward.db (partner: ./steward-partner.db). */
export function storePath(io: CliIo, db: unknown, mode: StoreMode): string {
  const fallback = mode === 'district' ? 'steward.db' : 'steward-partner.db';
  const p = typeof db === 'string' && db ? db : (mode === 'district' ? io.env.STEWARD_DB : io.env.STEWARD_PARTNER_DB) ?? fallback;
  return resolve(io.cwd, p);
}

/** The passphrase: STEWARD_PASSPHRASE, else a hidden prompt on a terminal. */
export async function passphrase(io: CliIo, purpose: string): Promise<string> {
  const fromEnv = io.env.STEWARD_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new StewardError('BAD_INPUT', `A passphrase is needed to ${purpose}. Set STEWARD_PASSPHRASE, or run the command in a terminal to be asked for it.`);
  }
  return promptHidden(`Passphrase to ${purpose}: `);
}

export function actorName(io: CliIo): string {
  return `cli:${io.env.STEWARD_ACTOR ?? safeUser()}`;
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export async function openCliStore(io: CliIo, path: string, mode: StoreMode, create = false): Promise<ServiceContext> {
  if (!create && !existsSync(path)) {
    throw new StewardError('NOT_FOUND', `No store at ${path}. Create one with 'steward init --db ${path}' or 'steward demo --db ${path}', or pass --db with the right path.`);
  }
  if (create && existsSync(path)) {
    throw new StewardError('CONFLICT', `A store already exists at ${path}. Choose another path with --db, or delete the old store (and its .keyinfo file) first.`);
  }
  const pass = await passphrase(io, create ? `encrypt the new store ${path}` : `open ${path}`);
  const key = create ? createPassphraseKey(path, pass) : openPassphraseKey(path, pass);
  const db = openStore({ path, key, mode, create });
  // Expired agreements recorded (district), a crashed import's decrypted folder swept (partner).
  return prepareOpenedStore(createContext({ db, mode, storePath: path, actor: actorName(io) }));
}
