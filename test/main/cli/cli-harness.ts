import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../main/cli/run';
import { commands } from '../../../main/cli/commands';
import { Exit, type CliIo } from '../../../main/cli/types';
import { openStore } from '../../../main/db/connection';
import { openPassphraseKey } from '../../../main/db/key';
import { createContext, type ServiceContext } from '../../../main/services/context';

/**
 * The `steward` command run in-process for the CLI tests, on real passphrase-encrypted stores in a
 * temp folder: what a user would see (exit code, stdout, stderr), never mocked services.
 */
export const cliEnv = { STEWARD_PASSPHRASE: 'correct horse battery staple', STEWARD_ACTOR: 'tester' };

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** One `steward ...argv` with `cwd` as the working folder (relative paths resolve there). */
export async function runSteward(argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => { out += t; }, err: (t) => { err += t; }, isTty: false, env, cwd };
  const code = await runCli(commands, argv, io);
  return { code, out, err };
}

/** A fresh temp folder with a new district store at `<dir>/district.db`, made by `steward init`. */
export async function initCliDistrict(prefix: string): Promise<{ dir: string; db: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = join(dir, 'district.db');
  const init = await runSteward(['init', '--db', db], cliEnv, dir);
  if (init.code !== Exit.ok) throw new Error(`steward init failed (${init.code}): ${init.err}`);
  return { dir, db };
}

/** The key of a store made with `cliEnv`'s passphrase (to open it behind the CLI's back). */
export const cliStoreKey = (path: string): Buffer => openPassphraseKey(path, cliEnv.STEWARD_PASSPHRASE);

/** Opens a district store made by the CLI directly (to seed it or check what it holds), then closes it. */
export function withCliDistrict<T>(path: string, actor: string, use: (ctx: ServiceContext) => T): T {
  const store = openStore({ path, key: cliStoreKey(path), mode: 'district' });
  try {
    return use(createContext({ db: store, mode: 'district', storePath: path, actor }));
  } finally {
    store.close();
  }
}
