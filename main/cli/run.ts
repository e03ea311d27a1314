import { parseArgs } from 'node:util';
import { isStewardError, type ErrorCode } from '../../shared/api/result';
import { logError } from '../services/log';
import { openCliStore, storePath } from './store-access';
import { Exit, type CliIo, type Command, type OptionSpec, type OptionValues } from './types';

const globalOptions: Record<string, OptionSpec> = {
  db: { type: 'string', description: 'Path of the store (default: $STEWARD_DB or ./steward.db; partner commands: $STEWARD_PARTNER_DB or ./steward-partner.db)' },
  help: { type: 'boolean', description: 'Show help for the command' },
};

const exitFor: Record<ErrorCode, number> = {
  BAD_INPUT: Exit.badInput, IMPORT_FAILED: Exit.badInput, NOT_FOUND: Exit.notFound, CONFLICT: Exit.conflict,
  FORBIDDEN: Exit.failure, INVALID_STATE: Exit.failure, PACKAGE_REJECTED: Exit.rejected, STORE_LOCKED: Exit.failure,
  WRONG_PASSPHRASE: Exit.wrongPassphrase, STORE_TOO_NEW: Exit.failure, INTERNAL: Exit.failure,
};

/** Finds the command whose words match the longest prefix of argv. */
function findCommand(commands: Command[], argv: string[]): { command: Command; rest: string[] } | undefined {
  let best: { command: Command; rest: string[] } | undefined;
  for (const command of commands) {
    const n = command.path.length;
    if (argv.length >= n && command.path.every((w, i) => argv[i] === w) && (!best || n > best.command.path.length)) {
      best = { command, rest: argv.slice(n) };
    }
  }
  return best;
}

export function commandHelp(c: Command): string {
  const opts = { ...(c.store === 'none' ? {} : { db: globalOptions.db! }), ...c.options, help: globalOptions.help! };
  const lines = [`Usage: steward ${c.path.join(' ')}${c.args?.length ? ' ' + c.args.join(' ') : ''} [options]`, '', c.summary, '', 'Options:'];
  for (const [name, spec] of Object.entries(opts)) {
    const flag = spec.type === 'string' ? `--${name} <value>` : `--${name}`;
    lines.push(`  ${flag.padEnd(28)} ${spec.description}${spec.default !== undefined ? ` (default: ${String(spec.default)})` : ''}`);
  }
  if (c.help) lines.push('', c.help);
  return lines.join('\n') + '\n';
}

export function overviewHelp(commands: Command[]): string {
  const width = Math.max(...commands.map((c) => c.path.join(' ').length)) + 2;
  return [
    'steward: the district data steward\'s command line (same services as the app, headless).',
    '',
    'Usage: steward <command> [options]     steward <command> --help',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.path.join(' ').padEnd(width)} ${c.summary}`),
    '',
    'The store is encrypted; the passphrase comes from STEWARD_PASSPHRASE or a prompt.',
    'Exit codes: 0 ok, 1 failure, 2 usage, 3 bad input, 4 not found, 5 wrong passphrase, 6 package rejected, 7 conflict.',
    '',
  ].join('\n');
}

/** Runs one CLI invocation and returns its exit code. Errors are printed as plain words. */
export async function runCli(commands: Command[], argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help' || argv[0] === '-h') {
    io.out(overviewHelp(commands));
    return argv.length === 0 ? Exit.usage : Exit.ok;
  }
  const found = findCommand(commands, argv);
  if (!found) {
    const prefix = commands.filter((c) => c.path[0] === argv[0]);
    io.err(`Unknown command 'steward ${argv.join(' ')}'.\n`);
    io.err(prefix.length ? `Did you mean one of:\n${prefix.map((c) => `  steward ${c.path.join(' ')}`).join('\n')}\n` : `Run 'steward --help' to list the commands.\n`);
    return Exit.usage;
  }
  const { command, rest } = found;
  const spec = { ...globalOptions, ...command.options };
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, { type: v.type, ...(v.multiple ? { multiple: true } : {}) }])),
    });
  } catch (e) {
    io.err(`${(e as Error).message}\n\n${commandHelp(command)}`);
    return Exit.usage;
  }
  if (parsed.values.help) {
    io.out(commandHelp(command));
    return Exit.ok;
  }
  const options = { ...Object.fromEntries(Object.entries(spec).filter(([, v]) => v.default !== undefined).map(([k, v]) => [k, v.default])), ...parsed.values };
  let ctx;
  try {
    if (command.store !== 'none') ctx = await openCliStore(io, storePath(io, options.db, command.store), command.store);
    return await command.run({ options: options as OptionValues, positionals: parsed.positionals, io, ctx: ctx! });
  } catch (e) {
    if (isStewardError(e)) {
      const where = e.where ? ` [${[e.where.file, e.where.line !== undefined ? `line ${e.where.line}` : undefined, e.where.column ? `column ${e.where.column}` : undefined, e.where.field].filter(Boolean).join(', ')}]` : '';
      io.err(`Error${where}: ${e.message}\n`);
      return exitFor[e.code];
    }
    logError(`steward ${command.path.join(' ')}`, e);
    io.err('Error: something went wrong inside Steward. Nothing was changed. See the log lines above and report them to your IT contact.\n');
    return Exit.failure;
  } finally {
    ctx?.db.close();
  }
}
