import type { Command } from '../types';
import { Exit } from '../types';
import { openCliStore, storePath } from '../store-access';

export const storeCommands: Command[] = [
  {
    path: ['init'],
    summary: 'Create a new, empty encrypted district store (or a partner workspace with --partner)',
    store: 'none',
    options: {
      db: { type: 'string', description: 'Path of the new store (default: $STEWARD_DB or ./steward.db)' },
      partner: { type: 'boolean', description: 'Create a partner workspace instead of a district store' },
    },
    help: 'The passphrase (STEWARD_PASSPHRASE or a prompt) is stretched with scrypt; its salt is kept in <store>.keyinfo beside the store. Back up both files together.',
    async run({ options, io }) {
      const mode = options.partner ? 'partner' : 'district';
      const path = storePath(io, options.db, mode);
      const ctx = await openCliStore(io, path, mode, true);
      ctx.db.close();
      io.out(`Created an encrypted ${mode} store at ${path}\n`);
      return Exit.ok;
    },
  },
];
