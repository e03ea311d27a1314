import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract, type ChannelName } from '../../../shared/api/contract';
import { handlers } from '../../../main/ipc/handlers';
import { dispatch } from '../../../main/ipc/dispatch';
import type { Handlers } from '../../../main/ipc/handler-types';
import { StewardError } from '../../../shared/api/result';
import { tempStore, type TempStore } from '../../helpers/temp-store';

const names = Object.keys(contract) as ChannelName[];

describe('the typed contract', () => {
  it('gives every channel a handler, a zod schema and a doc line', () => {
    for (const name of names) {
      expect(typeof handlers[name], `channel ${name} has no handler`).toBe('function');
      expect(typeof contract[name].args.safeParse, `channel ${name} has no schema`).toBe('function');
      expect(contract[name].doc.length, `channel ${name} has no doc`).toBeGreaterThan(5);
    }
    expect(Object.keys(handlers).sort()).toEqual([...names].sort());
  });

  it('names channels noun-verb in kebab-case', () => {
    for (const name of names) expect(name).toMatch(/^[a-z]+(-[a-z]+)+$/);
  });
});

describe('dispatch', () => {
  let store: TempStore;
  beforeEach(() => { store = tempStore(); });
  afterEach(() => store.cleanup());

  it('refuses an unknown channel without running anything', async () => {
    const reply = await dispatch(store.ctx, 'students-drop', {});
    expect(reply).toEqual({ ok: false, error: { code: 'BAD_INPUT', message: "Unknown request 'students-drop'." } });
  });

  it('rejects arguments that fail the schema and names the field', async () => {
    const reply = await dispatch(store.ctx, 'students-list', { offset: -1, limit: 10 });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('BAD_INPUT');
      expect(reply.error.where?.field).toBe('offset');
    }
  });

  it('passes a StewardError through with its code and message', async () => {
    const failing = { ...handlers, 'schools-list': () => { throw new StewardError('NOT_FOUND', 'No such school.'); } } as Handlers;
    expect(await dispatch(store.ctx, 'schools-list', {}, failing)).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'No such school.' } });
  });

  it('never lets an unexpected error message (which may hold student data) reach the renderer', async () => {
    const failing = { ...handlers, 'schools-list': () => { throw new Error('UNIQUE constraint failed: students.local_id = Quetzalli Zabriskie'); } } as Handlers;
    const reply = await dispatch(store.ctx, 'schools-list', {}, failing);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('INTERNAL');
      expect(reply.error.message).not.toContain('Zabriskie');
    }
  });

  it('answers a valid request with the real store', async () => {
    const reply = await dispatch(store.ctx, 'students-list', { offset: 0, limit: 10 });
    expect(reply).toEqual({ ok: true, value: { rows: [], total: 0 } });
  });
});
