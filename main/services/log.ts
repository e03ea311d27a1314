/**
 * The local diagnostic log. Privacy rule: no PII in logs. We log error classes and stack frames,
 * never messages of unexpected errors (a SQLite constraint message can quote a student's name).
 */
export function logError(context: string, e: unknown): void {
  const name = e instanceof Error ? e.name : typeof e;
  const code = (e as { code?: unknown })?.code;
  const frames = e instanceof Error && e.stack ? e.stack.split('\n').slice(1, 6).map((l) => l.trim()).join(' | ') : '';
  process.stderr.write(`[steward] ${context}: ${name}${typeof code === 'string' ? ` (${code})` : ''} ${frames}\n`);
}
