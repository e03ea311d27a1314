import type { ServiceContext } from './context';
import type { PackageReaderState } from '../crypto/package/state';

/**
 * The package reader's view of a partner workspace: the district certificates pinned after a
 * fingerprint call, every package id ever imported (purged packages keep their row, so they stay
 * "seen"), the highest sequence per agreement, and the newest agreement version accepted.
 *
 * The agreement's end date is not passed as `endsOn`: a later version may extend the term, and
 * the manifest's own agreement.endsOn (signed) is checked by the reader anyway.
 */
export function storeReaderState(ctx: ServiceContext): PackageReaderState {
  const pinned = ctx.db.prepare('SELECT cert_pem FROM pinned_district_certificates WHERE retired_at IS NULL ORDER BY pinned_at').pluck().all() as string[];
  const seen = ctx.db.prepare('SELECT 1 FROM received_packages WHERE package_id = ?').pluck();
  const last = ctx.db.prepare('SELECT max(sequence) FROM received_packages WHERE agreement_id = ?').pluck();
  const known = ctx.db.prepare('SELECT current_version FROM known_agreements WHERE agreement_id = ?').pluck();
  return {
    pinnedDistrictCertificates: () => pinned,
    isPackageSeen: (packageId) => seen.get(packageId) !== undefined,
    lastSequence: (agreementId) => (last.get(agreementId) as number | null) ?? undefined,
    agreement: (agreementId) => {
      const v = known.get(agreementId) as number | undefined;
      return v === undefined ? undefined : { currentVersion: v };
    },
  };
}
