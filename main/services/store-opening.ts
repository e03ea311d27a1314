import type { ServiceContext } from './context';
import { expireOnOpen } from './agreement-expiry';
import { sweepImportLeftovers } from './import-leftovers';

/**
 * What opening a store does before it answers its first request, the same in the app's service
 * host and in the CLI: a district store records the agreement versions whose term ended while it
 * was closed as expired; a partner workspace overwrites and deletes the decrypted folder a crashed
 * package import left beside it, so no student record outlives the next opening outside the
 * encrypted store. Each step does nothing in the other mode. On failure the store is closed.
 */
export function prepareOpenedStore(ctx: ServiceContext): ServiceContext {
  expireOnOpen(ctx);
  try {
    sweepImportLeftovers(ctx);
  } catch (e) {
    ctx.db.close();
    throw e;
  }
  return ctx;
}
