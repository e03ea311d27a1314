import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { StewardError } from '../../../shared/api/result';
import { AgreementContentSchema } from '../../../shared/api/agreements-api';
import type { AgreementContent } from '../../../shared/agreement/types';
import type { CliIo, OptionValues } from '../types';

/** Small helpers the agreement, program and preview commands share: options and input files. */
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
