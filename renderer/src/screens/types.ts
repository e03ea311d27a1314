import type { ComponentType } from 'react';
import type { StoreMode } from '../../../shared/api/store-api';

/** What every screen receives from the shell. */
export interface ScreenProps {
  /** Path segments after the screen's own path: `#/agreements/a-17/v2` gives ['a-17', 'v2']. */
  params: string[];
  /** Goes to another screen: `navigate('students')`, `navigate('agreements/a-17')`. */
  navigate(to: string): void;
}

/** Navigation groups, in the order the sidebar shows them ('Packages' is the partner workspace's). */
export const navGroups = ['Overview', 'District data', 'Sharing', 'Packages', 'Records'] as const;
export type NavGroup = (typeof navGroups)[number];

export interface ScreenDef {
  /** The first URL segment after '#/': 'students'. The home screen's is ''. */
  path: string;
  /** The navigation label, the page heading and the window title. */
  title: string;
  group: NavGroup;
  /** Loaded on first visit (its own chunk). The module's default export is the screen. */
  load(): Promise<{ default: ComponentType<ScreenProps> }>;
  /** Listed in the navigation (false for detail screens reached from another screen). */
  inNav?: boolean;
  /**
   * The store modes that have this screen. Default deny: unset means the district store only, so
   * partner staff never see a district screen that was added without thinking about them.
   */
  modes?: readonly StoreMode[];
}

/** The screens of one store mode (the shell shows and routes to nothing else). */
export function screensFor(all: readonly ScreenDef[], mode: StoreMode): ScreenDef[] {
  return all.filter((s) => (s.modes ?? ['district']).includes(mode));
}
