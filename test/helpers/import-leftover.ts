import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a crashed package import leaves beside a partner workspace: decrypted student records. */
export const LEFTOVER_RECORDS = 'student.localId,student.firstName\nS000017,Quetzalli\n';

/** A folder as a crashed import leaves it: the decrypted files, named like the real ones. */
export function leftover(dir: string, name: string): string {
  const path = join(dir, name);
  mkdirSync(join(path, 'payload'), { recursive: true });
  writeFileSync(join(path, 'records.csv'), LEFTOVER_RECORDS);
  writeFileSync(join(path, 'payload', 'dictionary.json'), '{"columns":[]}');
  return path;
}

let exited: number | undefined;
/** The pid of a process that has exited: no import can still be running in it. */
export function deadPid(): number {
  exited ??= spawnSync(process.execPath, ['-e', '']).pid!;
  return exited;
}
