import { z } from 'zod';
import { channel } from './channel';

/** Which kind of store is open: the district's, or a partner organisation's workspace. */
export type StoreMode = 'district' | 'partner';

/** What the app shell needs before it can show anything: the store's kind and whose it is. */
export interface StoreInfo {
  mode: StoreMode;
  /**
   * District store: the district's name (null before the first import). Partner workspace: the
   * organisation named in its identity (null until the identity is created).
   */
  organizationName: string | null;
}

export const storeApi = {
  /** Both modes: the shell reads it first and offers only the screens of the store's mode. */
  'store-info': channel('The kind of store that is open (district or partner workspace) and whose it is.', z.object({})).returns<StoreInfo>(),
};
