import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { incomingFolder, sweepImportLeftovers } from '../../../main/services/import-leftovers';
import { verifyAudit } from '../../../main/services/audit-service';
import { runCli } from '../../../main/cli/run';
import { commands } from '../../../main/cli/commands';
import { Exit, type CliIo } from '../../../main/cli/types';
import { openStore } from '../../../main/db/connection';
import { openPassphraseKey } from '../../../main/db/key';
import { tempStore, type TempStore } from '../../helpers/temp-store';
import { deadPid, leftover, LEFTOVER_RECORDS as RECORDS } from '../../helpers/import-leftover';

/**
 * A crash mid-import leaves the decrypted payload (records.csv with student records) in a
 * `.steward-incoming-*` folder beside the workspace. Opening the workspace deletes it and says so
 * in the audit log, with counts only; an import still running in a live process keeps its folder.
 */
const incoming = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.steward-incoming-')).sort();
const auditRows = (s: TempStore) => s.ctx.db.prepare(`SELECT actor, action, object_type AS type, object_id AS id, summary FROM audit_log WHERE action = 'import-leftovers.delete'`).all();

let ws: TempStore;
beforeEach(() => { ws = tempStore('partner'); });
afterEach(() => ws.cleanup());

describe('sweeping import leftovers beside a partner workspace', () => {
  it('deletes a crashed import\'s folder and its decrypted files, and logs the counts without names', () => {
    const crashed = leftover(ws.dir, `.steward-incoming-${deadPid()}-a1b2c3d4e5f6`);
    // A second name for the same file shows what happened to its bytes before the unlink.
    const witness = join(ws.dir, 'witness');
    linkSync(join(crashed, 'records.csv'), witness);
    leftover(ws.dir, `.steward-incoming-${deadPid()}-0badc0ffee00.partial-123456abcdef`);
    leftover(ws.dir, '.steward-incoming-9f8e7d6c5b4a'); // made before folder names carried the pid
    expect(incoming(ws.dir)).toHaveLength(3);

    expect(sweepImportLeftovers(ws.ctx)).toEqual({ folders: 3, files: 6, failed: 0 });
    expect(incoming(ws.dir)).toEqual([]);
    expect(existsSync(ws.path)).toBe(true);
    expect(readFileSync(witness)).toEqual(Buffer.alloc(RECORDS.length));
    const rows = auditRows(ws);
    expect(rows).toEqual([{ actor: 'test:steward', action: 'import-leftovers.delete', type: 'workspace', id: null, summary: '{"failed":0,"files":6,"folders":3}' }]);
    expect(verifyAudit(ws.ctx).ok).toBe(true);
  });

  it('leaves an import running in a live process alone, and writes nothing when there is nothing to sweep', () => {
    const running = incomingFolder(ws.path); // this process is alive: its import may be decrypting right now
    leftover(ws.dir, running.slice(ws.dir.length + 1));
    expect(sweepImportLeftovers(ws.ctx)).toEqual({ folders: 0, files: 0, failed: 0 });
    expect(existsSync(join(running, 'records.csv'))).toBe(true);
    expect(auditRows(ws)).toEqual([]);
  });

  it('treats a day-old folder as a leftover even if its pid is alive again (pids are reused)', () => {
    const old = leftover(ws.dir, `.steward-incoming-${process.pid}-abcdefabcdef`);
    const twoDaysAgo = new Date(ws.ctx.now().getTime() - 2 * 24 * 3600 * 1000);
    utimesSync(old, twoDaysAgo, twoDaysAgo);
    expect(sweepImportLeftovers(ws.ctx)).toMatchObject({ folders: 1 });
    expect(existsSync(old)).toBe(false);
  });

  it('never follows a link named like a leftover, nor touches other folders', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'steward-elsewhere-'));
    try {
      writeFileSync(join(elsewhere, 'keep.txt'), 'mine');
      symlinkSync(elsewhere, join(ws.dir, '.steward-incoming-1-aaaaaaaaaaaa'));
      mkdirSync(join(ws.dir, 'steward-incoming-backup'));
      expect(sweepImportLeftovers(ws.ctx)).toEqual({ folders: 0, files: 0, failed: 0 });
      expect(readdirSync(elsewhere)).toEqual(['keep.txt']);
      expect(existsSync(join(ws.dir, 'steward-incoming-backup'))).toBe(true);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('does nothing beside a district store', () => {
    const district = tempStore('district');
    try {
      leftover(district.dir, `.steward-incoming-${deadPid()}-a1b2c3d4e5f6`);
      expect(sweepImportLeftovers(district.ctx)).toEqual({ folders: 0, files: 0, failed: 0 });
    } finally {
      district.cleanup();
    }
  });
});

describe('opening a partner workspace with the steward command', () => {
  it('sweeps the leftover before the command runs and records it in the workspace\'s audit log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'steward-sweep-cli-'));
    const env = { STEWARD_PASSPHRASE: 'correct horse battery staple', STEWARD_ACTOR: 'dana' };
    const io: CliIo = { out: () => undefined, err: () => undefined, isTty: false, env, cwd: dir };
    const path = join(dir, 'partner.db');
    try {
      expect(await runCli(commands, ['init', '--partner', '--db', path], io)).toBe(Exit.ok);
      leftover(dir, `.steward-incoming-${deadPid()}-a1b2c3d4e5f6`);
      expect(await runCli(commands, ['package', 'list', '--partner', '--db', path], io)).toBe(Exit.ok);
      expect(incoming(dir)).toEqual([]);
      const db = openStore({ path, key: openPassphraseKey(path, env.STEWARD_PASSPHRASE), mode: 'partner', readonly: true });
      try {
        expect(db.prepare(`SELECT actor, summary FROM audit_log WHERE action = 'import-leftovers.delete'`).all()).toEqual([{ actor: 'cli:dana', summary: '{"failed":0,"files":2,"folders":1}' }]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
