import { join } from 'node:path';
import type { StoreMode } from '../../shared/api/store-api';

/**
 * Where the app keeps and finds things. Pure (no electron): main.ts passes in app.getPath and
 * friends, and the rules are unit-tested.
 */
export interface AppLocations {
  /** app.getAppPath(): the project root unpackaged, resources/app.asar packaged. */
  appPath: string;
  /** process.resourcesPath */
  resourcesPath: string;
  isPackaged: boolean;
  /** app.getPath('userData') */
  userData: string;
}

export interface AppPaths {
  rendererRoot: string;
  preload: string;
  serviceHost: string;
  /** The Electron-ABI build of the SQLite module (scripts/rebuild-native-for-electron.js). */
  nativeBinding: string;
  /** Remembers which store the app opens (store-choice-policy.ts). */
  storeChoice: string;
}

/** One store in the user-data folder and its own key file: each mode has both, never shared. */
export interface StoreFiles {
  store: string;
  /** The safeStorage-wrapped key of that store (key-policy.ts). */
  storeKey: string;
}

/** Relative to the project root: where scripts/rebuild-native-for-electron.js writes the module. */
export const NATIVE_BINDING_RELATIVE = ['out', 'native', 'better_sqlite3.node'] as const;

export function appPaths(loc: AppLocations, compiledDir: string): AppPaths {
  return {
    rendererRoot: join(loc.appPath, 'renderer', 'dist'),
    preload: join(compiledDir, '..', 'preload.js'),
    serviceHost: join(compiledDir, 'service-host.js'),
    // Native modules cannot load from inside the asar archive; electron-builder unpacks them beside it.
    nativeBinding: loc.isPackaged
      ? join(loc.resourcesPath, 'app.asar.unpacked', ...NATIVE_BINDING_RELATIVE)
      : join(loc.appPath, ...NATIVE_BINDING_RELATIVE),
    storeChoice: join(loc.userData, 'store-choice.json'),
  };
}

/**
 * The district store keeps the names it had before the app could open a partner workspace, so an
 * existing installation opens the same files; the workspace sits beside it under its own names.
 */
export function storeFiles(userData: string, mode: StoreMode): StoreFiles {
  return { store: join(userData, `${mode}.db`), storeKey: join(userData, `${mode}.key.json`) };
}
