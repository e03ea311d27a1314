import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StewardError } from '../../../shared/api/result';
import { AgreementContentSchema } from '../../../shared/api/agreements-api';
import type { AgreementContent } from '../../../shared/agreement/types';
import { isIsoDate } from '../../../shared/util/dates';
import type { CliIo, OptionSpec, OptionValues } from '../types';

/** Small helpers the commands share: options, positionals and input files, with the same error words everywhere. */
export function stringOption(options: OptionValues, name: string, required: true): string;
export function stringOption(options: OptionValues, name: string, required?: false): string | undefined;
export function stringOption(options: OptionValues, name: string, required = false): string | undefined {
  const v = options[name];
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (required) throw new StewardError('BAD_INPUT', `--${name} is required. See --help.`, { field: name });
  return undefined;
}

export function intOption(options: OptionValues, name: string, min: number): number | undefined {
  const v = stringOption(options, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new StewardError('BAD_INPUT', `--${name} must be a whole number of ${min} or more.`, { field: name });
  return n;
}

/** A required option whose value must be one of `allowed` (or `fallback` when it is not given). */
export function oneOf<T extends string>(options: OptionValues, name: string, allowed: readonly T[], fallback?: T): T {
  const v = stringOption(options, name) ?? fallback;
  if (v === undefined || !(allowed as readonly string[]).includes(v)) throw new StewardError('BAD_INPUT', `--${name} must be one of: ${allowed.join(', ')}.`, { field: name });
  return v as T;
}

/** An optional date option, written yyyy-mm-dd. */
export function dateOption(options: OptionValues, name: string): string | undefined {
  const v = stringOption(options, name);
  if (v !== undefined && !isIsoDate(v)) throw new StewardError('BAD_INPUT', `--${name} must be a date written yyyy-mm-dd.`, { field: name });
  return v;
}

/** An optional list option, its items separated by ; or , (e.g. catalog field ids). */
export function listOption(options: OptionValues, name: string): string[] | undefined {
  return stringOption(options, name)?.split(/[;,]/).map((item) => item.trim()).filter(Boolean);
}

/** The first positional argument, which the command cannot do without (`what` names it in the error). */
export function requiredPositional(positionals: string[], what: string): string {
  const v = positionals[0];
  if (!v) throw new StewardError('BAD_INPUT', `Give the ${what}. See --help.`);
  return v;
}

/** --limit and --offset of a list command (the listing's own default page size). */
export function pagingOptions(defaultLimit: number): Record<string, OptionSpec> {
  return {
    limit: { type: 'string', description: 'At most this many rows', default: String(defaultLimit) },
    offset: { type: 'string', description: 'Skip this many rows', default: '0' },
  };
}

export const pageRangeRule = '--limit must be a whole number from 1 to 1000 and --offset a whole number of 0 or more.';

/** The page that --limit and --offset ask for; bad input (exit 3) when either breaks `pageRangeRule`. */
export function pageRange(options: OptionValues): { offset: number; limit: number } {
  const limit = Number(options.limit);
  const offset = Number(options.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000 || !Number.isInteger(offset) || offset < 0) {
    throw new StewardError('BAD_INPUT', pageRangeRule, { field: Number.isInteger(limit) && limit >= 1 && limit <= 1000 ? 'offset' : 'limit' });
  }
  return { offset, limit };
}

export function readTextFile(io: CliIo, path: string): { path: string; text: string } {
  const full = resolve(io.cwd, path);
  try {
    return { path: full, text: readFileSync(full, 'utf8') };
  } catch {
    throw new StewardError('NOT_FOUND', `Cannot read ${full}: check the path.`, { file: full });
  }
}

/** Reads and validates an agreement.json (docs/agreement-format.md): JSON errors and schema errors name the file and the key. */
export function readAgreementFile(io: CliIo, path: string): AgreementContent {
  const file = readTextFile(io, path);
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (e) {
    throw new StewardError('BAD_INPUT', `${file.path} is not valid JSON: ${(e as Error).message}.`, { file: file.path });
  }
  const parsed = AgreementContentSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.') || '(top level)'}: ${i.message}`);
    throw new StewardError('BAD_INPUT', `${file.path} does not match the agreement format (docs/agreement-format.md):\n${lines.join('\n')}`, { file: file.path, field: parsed.error.issues[0]?.path.join('.') });
  }
  return parsed.data;
}
