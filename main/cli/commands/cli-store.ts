import { writeFileSync } from 'node:fs';
import { StewardError } from '../../../shared/api/result';
import { openCliStore, storePath } from '../store-access';
import type { ServiceContext } from '../../services/context';
import type { CliIo, OptionSpec, OptionValues } from '../types';

/**
 * Identity and package commands work on a district store or, with --partner, on a partner
 * workspace; they open the store themselves (declared `store: 'none'`) and say which in --help.
 */
export const storeOptions: Record<string, OptionSpec> = {
  db: { type: 'string', description: 'Path of the store (default: $STEWARD_DB or ./steward.db; with --partner: $STEWARD_PARTNER_DB or ./steward-partner.db)' },
  partner: { type: 'boolean', description: 'Work on a partner workspace instead of the district store' },
};

export async function withStore<T>(io: CliIo, options: OptionValues, forced: 'district' | 'partner' | undefined, run: (ctx: ServiceContext) => Promise<T> | T): Promise<T> {
  const mode = forced ?? (options.partner ? 'partner' : 'district');
  const path = typeof options.store === 'string' && options.store ? options.store : options.db;
  const ctx = await openCliStore(io, storePath(io, path, mode), mode);
  try {
    return await run(ctx);
  } finally {
    ctx.db.close();
  }
}

/** Writes a new file, refusing to overwrite one; failures in plain words naming the file. */
export function writeNewFile(path: string, data: string | Buffer, mode = 0o644): void {
  try {
    writeFileSync(path, data, { flag: 'wx', mode });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new StewardError('CONFLICT', `${path} already exists; choose another name.`, { file: path });
    throw new StewardError('BAD_INPUT', `Cannot write ${path}: check the folder exists and you may write there.`, { file: path });
  }
}
