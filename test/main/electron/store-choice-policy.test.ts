import { describe, expect, it } from 'vitest';
import { decideStartup, FIRST_RUN_QUESTION, modeFromAnswer, openPlan, parseStoreChoice, serializeStoreChoice, storeNoun } from '../../../main/electron/store-choice-policy';
import { switchConfirmed, switchDecision, switchMenuLabel } from '../../../main/electron/store-switch-policy';

const DEMO = { students: 16_000, seed: 2026 };
const none = { remembered: null, districtStoreExists: false, partnerStoreExists: false };

describe('which store the app opens', () => {
  it('asks on first run, with one button per kind of store and Quit as the way out', () => {
    expect(decideStartup(none)).toEqual({ kind: 'ask' });
    expect(FIRST_RUN_QUESTION.buttons).toEqual(['District store', 'Partner workspace', 'Quit']);
    expect(FIRST_RUN_QUESTION.detail).toMatch(/File menu/);
    expect(FIRST_RUN_QUESTION.buttons.map((_b, i) => modeFromAnswer(i))).toEqual(['district', 'partner', null]);
    expect(modeFromAnswer(FIRST_RUN_QUESTION.cancelId)).toBeNull();
  });

  it('opens the remembered store without asking, whatever else is in the folder', () => {
    expect(decideStartup({ ...none, remembered: 'partner' })).toEqual({ kind: 'open', mode: 'partner' });
    expect(decideStartup({ remembered: 'district', districtStoreExists: false, partnerStoreExists: true })).toEqual({ kind: 'open', mode: 'district' });
  });

  it('an installation from before the choice opens its district store without a question; both stores and no choice: asks', () => {
    expect(decideStartup({ ...none, districtStoreExists: true })).toEqual({ kind: 'open', mode: 'district' });
    expect(decideStartup({ ...none, partnerStoreExists: true })).toEqual({ kind: 'open', mode: 'partner' });
    expect(decideStartup({ ...none, districtStoreExists: true, partnerStoreExists: true })).toEqual({ kind: 'ask' });
  });

  it('remembers the choice in a small file, and asks again rather than guess when that file is damaged or foreign', () => {
    expect(parseStoreChoice(serializeStoreChoice('partner'))).toBe('partner');
    expect(parseStoreChoice(serializeStoreChoice('district'))).toBe('district');
    for (const bad of [null, '', '{oops', 'null', '{"version":2,"mode":"partner"}', '{"version":1,"mode":"admin"}', '[1]']) expect(parseStoreChoice(bad)).toBeNull();
  });

  it('builds the demo district for a missing district store, an empty workspace for a missing partner store, and opens existing ones as they are', () => {
    expect(openPlan('district', false, DEMO)).toEqual({ mode: 'district', createDemo: DEMO });
    expect(openPlan('partner', false, DEMO)).toEqual({ mode: 'partner', createWorkspace: true });
    expect(openPlan('district', true, DEMO)).toEqual({ mode: 'district' });
    expect(openPlan('partner', true, DEMO)).toEqual({ mode: 'partner' });
  });

  it('names the store in messages by its kind', () => {
    expect(storeNoun('district')).toBe('district store');
    expect(storeNoun('partner')).toBe('partner workspace');
  });
});

describe('switching stores from the File menu', () => {
  it('always offers the store that is not open', () => {
    expect(switchMenuLabel('district')).toBe('Open partner workspace…');
    expect(switchMenuLabel('partner')).toBe('Open district store…');
  });

  it('asks first, saying what happens to each store; only the first button switches', () => {
    const d = switchDecision({ current: 'district', busy: false, targetExists: true });
    expect(d).toMatchObject({ kind: 'confirm', target: 'partner', question: { message: 'Open the partner workspace?', buttons: ['Open the partner workspace', 'Cancel'], cancelId: 1 } });
    expect(d.question.detail).toMatch(/closes the district store \(nothing in it changes\)/);
    expect(d.question.detail).toMatch(/File > Open district store… goes back/);
    expect(d.question.detail).not.toMatch(/none on this computer/);
    expect([0, 1].map(switchConfirmed)).toEqual([true, false]);
  });

  it('says when the other store does not exist yet and what will be made', () => {
    expect(switchDecision({ current: 'district', busy: false, targetExists: false }).question.detail).toMatch(/an empty, encrypted workspace is created, with its own key/);
    const back = switchDecision({ current: 'partner', busy: false, targetExists: false });
    expect(back).toMatchObject({ kind: 'confirm', target: 'district' });
    expect(back.question.detail).toMatch(/the demo district is built first/);
  });

  it('refuses while the store is opening or answering a request, and says nothing was changed', () => {
    const d = switchDecision({ current: 'partner', busy: true, targetExists: true });
    expect(d.kind).toBe('refuse');
    expect(d.question.message).toBe('Steward is still working in the partner workspace.');
    expect(d.question.detail).toMatch(/File > Open district store… again\. Nothing was changed\.$/);
    expect(d.question.buttons).toEqual(['OK']);
  });
});
