import type { ServiceContext } from './context';
import type { StoreInfo } from '../../shared/api/store-api';

/**
 * Whose store this is, for the app shell's header: the district's name, or the partner
 * organisation named in the workspace's current identity (null until it is created).
 */
export function storeInfo(ctx: ServiceContext): StoreInfo {
  const name = ctx.mode === 'partner'
    ? ctx.db.prepare(`SELECT organization FROM identities WHERE kind = 'partner' AND retired_at IS NULL`).pluck().get()
    : ctx.db.prepare(`SELECT name FROM orgs WHERE type = 'district' ORDER BY id LIMIT 1`).pluck().get();
  return { mode: ctx.mode, organizationName: typeof name === 'string' && name ? name : null };
}
