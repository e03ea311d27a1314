import type { CreateDemo } from './service-host-core';

/**
 * The demo generator (main/services/demo-service.ts) is being built alongside this shell; load
 * it if present so the first run can build the demo district.
 * TODO(issue 2): replace with a static import once demo-service.ts is in.
 */
export function loadDemoFactory(): CreateDemo | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional module until the demo service lands
    const mod = require('../services/demo-service') as { createDemoDistrict?: CreateDemo };
    return mod.createDemoDistrict ?? null;
  } catch {
    return null;
  }
}
