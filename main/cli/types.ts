import type { ServiceContext } from '../services/context';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stdout is a terminal (progress bars only then). */
  isTty: boolean;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  default?: string | boolean;
  multiple?: boolean;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandInput {
  options: OptionValues;
  positionals: string[];
  io: CliIo;
  /** The open store, when the command declared `store`. */
  ctx: ServiceContext;
}

export interface Command {
  /** Words that name it: ['students', 'list']. */
  path: string[];
  summary: string;
  /** Positional arguments, shown in --help, e.g. ['<dir>']. */
  args?: string[];
  options?: Record<string, OptionSpec>;
  /** Which store the command needs opened ('none' for init/demo, which manage their own). */
  store: 'district' | 'partner' | 'none';
  /** Long help: examples and notes. */
  help?: string;
  run(input: CommandInput): Promise<number> | number;
}

/** Exit codes (documented in README): scripts may branch on them. */
export const Exit = {
  ok: 0,
  failure: 1,
  usage: 2,
  badInput: 3,
  notFound: 4,
  wrongPassphrase: 5,
  rejected: 6,
  conflict: 7,
} as const;
