import type { StoreMode } from '../../shared/api/store-api';
import { storeNoun, type Question } from './store-choice-policy';

/**
 * The File menu's "Open partner workspace…" / "Open district store…": the service host is shut
 * down and started again on the other store, in the same window. Pure decisions only; main.ts
 * shows the boxes and store-session.ts does the switch.
 */

export function otherMode(mode: StoreMode): StoreMode {
  return mode === 'district' ? 'partner' : 'district';
}

/** The File menu item: it always offers the store that is not open. */
export function switchMenuLabel(current: StoreMode): string {
  return otherMode(current) === 'partner' ? 'Open partner workspace…' : 'Open district store…';
}

export interface SwitchFacts {
  current: StoreMode;
  /** A request is running or the store is still opening (store-session.ts). */
  busy: boolean;
  /** Whether the other store's file exists yet. */
  targetExists: boolean;
}

export type SwitchDecision =
  | { kind: 'refuse'; question: Question }
  | { kind: 'confirm'; target: StoreMode; question: Question };

/**
 * Refused while the store is working (an import, an export, a first-run build: closing it then
 * would cut the work short); otherwise the user confirms, told what will happen to each store.
 */
export function switchDecision(f: SwitchFacts): SwitchDecision {
  const from = storeNoun(f.current);
  const target = otherMode(f.current);
  const to = storeNoun(target);
  if (f.busy) {
    return {
      kind: 'refuse',
      question: {
        type: 'info', title: 'Steward', message: `Steward is still working in the ${from}.`,
        detail: `Wait until the running task (opening the store, an import or an export) has finished, then choose File > ${switchMenuLabel(f.current)} again. Nothing was changed.`,
        buttons: ['OK'], defaultId: 0, cancelId: 0,
      },
    };
  }
  const missing = target === 'partner'
    ? ' There is none on this computer yet: an empty, encrypted workspace is created, with its own key.'
    : ' There is none on this computer yet: the demo district is built first, which takes a minute.';
  return {
    kind: 'confirm',
    target,
    question: {
      type: 'question', title: 'Steward', message: `Open the ${to}?`,
      detail: `Steward closes the ${from} (nothing in it changes) and opens the ${to} in this window.${f.targetExists ? '' : missing} ` +
        `Steward opens the ${to} from now on; File > ${switchMenuLabel(target)} goes back.`,
      buttons: [`Open the ${to}`, 'Cancel'], defaultId: 0, cancelId: 1,
    },
  };
}

/** The confirm box's answer: only its first button switches. */
export function switchConfirmed(response: number): boolean {
  return response === 0;
}
