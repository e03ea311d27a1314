import type { StoreMode } from '../../shared/api/store-api';

/**
 * Which store the desktop app opens: the district store, or a partner workspace (partner staff
 * run Steward too). The user chooses on first run, the choice is remembered in the user-data
 * folder, and the File menu opens the other kind (store-switch-policy.ts). Pure decisions and the
 * choice file's format only; main.ts asks the questions and reads and writes the file.
 */

/** What the store noun is in messages: a partner must never read that "the district store" failed. */
export function storeNoun(mode: StoreMode): string {
  return mode === 'district' ? 'district store' : 'partner workspace';
}

/** The remembered choice (no secret in it: which kind of store, nothing else). */
interface StoreChoiceFile {
  version: 1;
  mode: StoreMode;
}

export function serializeStoreChoice(mode: StoreMode): string {
  const file: StoreChoiceFile = { version: 1, mode };
  return JSON.stringify(file, null, 2) + '\n';
}

/**
 * The remembered mode, or null when there is none or the file is damaged or foreign: then the app
 * asks again rather than guess (and never opens a store of the wrong kind on a guess).
 */
export function parseStoreChoice(text: string | null): StoreMode | null {
  if (text === null) return null;
  try {
    const f = JSON.parse(text) as Partial<StoreChoiceFile> | null;
    return f && f.version === 1 && (f.mode === 'district' || f.mode === 'partner') ? f.mode : null;
  } catch {
    return null;
  }
}

export interface StartupFacts {
  remembered: StoreMode | null;
  districtStoreExists: boolean;
  partnerStoreExists: boolean;
}

export type StartupDecision = { kind: 'open'; mode: StoreMode } | { kind: 'ask' };

/**
 * The remembered choice wins. Without one, a single existing store is opened (an installation
 * from before the choice existed has only the district store, and keeps opening it without a
 * question); with none or both, the user is asked.
 */
export function decideStartup(f: StartupFacts): StartupDecision {
  if (f.remembered) return { kind: 'open', mode: f.remembered };
  if (f.districtStoreExists !== f.partnerStoreExists) return { kind: 'open', mode: f.districtStoreExists ? 'district' : 'partner' };
  return { kind: 'ask' };
}

/** A native message box's content (Electron's dialog.showMessageBox options, minus the window). */
export interface Question {
  type: 'question' | 'info' | 'warning';
  title: string;
  message: string;
  detail: string;
  buttons: string[];
  defaultId: number;
  cancelId: number;
}

/** The first-run question; its buttons map to modes through modeFromAnswer. */
export const FIRST_RUN_QUESTION: Question = {
  type: 'question',
  title: 'Steward',
  message: 'Which store should Steward open on this computer?',
  detail:
    'District store: your district\'s student data, agreements, role previews and the packages you send to partners. ' +
    'The first time, it is filled with a demo district.\n\n' +
    'Partner workspace: for a partner organisation\'s staff, to open the packages a district sent you, read the records your role may see and destroy them when due.\n\n' +
    'Each has its own encrypted file and key. You can open the other one later from the File menu.',
  buttons: ['District store', 'Partner workspace', 'Quit'],
  defaultId: 0,
  cancelId: 2,
};

/** The mode a button of FIRST_RUN_QUESTION stands for; null is Quit (or the box was closed). */
export function modeFromAnswer(response: number): StoreMode | null {
  return response === 0 ? 'district' : response === 1 ? 'partner' : null;
}

/** What the service host is asked to do with a mode's store file: open it, or make it first. */
export interface OpenPlan {
  mode: StoreMode;
  /** A missing district store is built as the demo district (the app's first run). */
  createDemo?: { students: number; seed: number };
  /** A missing partner workspace is created empty (its staff create its identity next). */
  createWorkspace?: true;
}

export function openPlan(mode: StoreMode, storeExists: boolean, demo: { students: number; seed: number }): OpenPlan {
  if (storeExists) return { mode };
  return mode === 'district' ? { mode, createDemo: demo } : { mode, createWorkspace: true };
}
