import type { IsoDate } from '../../../shared/util/dates';

/**
 * What the package reader needs to know from the partner workspace. An interface so the checks
 * are testable now; the partner workspace implements it over its store later. Synchronous,
 * like better-sqlite3. The import service must re-check replay and sequence inside the
 * transaction that records the import (another import may have landed in between).
 */
export interface PackageReaderState {
  /** District signing certificates (PEM) pinned after comparing fingerprints by phone. */
  pinnedDistrictCertificates(): readonly string[];
  /** True when a package with this id was imported before (any agreement). */
  isPackageSeen(packageId: string): boolean;
  /** The highest sequence imported for this agreement, or undefined if none yet. */
  lastSequence(agreementId: string): number | undefined;
  /** What the workspace knows about the agreement, or undefined for one it has not seen. */
  agreement(agreementId: string): KnownAgreement | undefined;
}

export interface KnownAgreement {
  /** The newest version the partner knows; a package under an older one is superseded. */
  currentVersion: number;
  /** When the partner knows the agreement ended early (terminated), or its end date. */
  endsOn?: IsoDate;
  /** Fields each role may receive under the current version, when the partner has them. */
  grantedFields?: Readonly<Record<string, readonly string[]>>;
}

/** A state for a workspace that has imported nothing yet and trusts `pinned`. */
export function freshReaderState(pinned: readonly string[]): PackageReaderState {
  return {
    pinnedDistrictCertificates: () => pinned,
    isPackageSeen: () => false,
    lastSequence: () => undefined,
    agreement: () => undefined,
  };
}
