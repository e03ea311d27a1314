/**
 * Why a package was refused. The reader stops at the first failed check (in the order of
 * PACKAGE-FORMAT.md) and reports one of these as StewardError('PACKAGE_REJECTED', message,
 * undefined, reason). The UI may branch on the reason; the message is for the partner.
 */
export const rejectionReasons = [
  'not-a-package',
  'truncated',
  'trailing-bytes',
  'bad-zip-entry',
  'malformed',
  'manifest-too-large',
  'not-addressed-to-you',
  'downgrade',
  'untrusted-signer',
  'signer-key-mismatch',
  'bad-signature',
  'bad-manifest',
  'recipient-mismatch',
  'replayed',
  'rollback',
  'expired',
  'superseded-version',
  'chunk-missing',
  'tampered',
  'payload-malformed',
  'field-not-in-manifest',
  'field-not-in-agreement',
  'record-count-mismatch',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

const ASK = 'Ask the district to send it again.';

/** Plain words for a partner: what happened and what to do. Never contains data from the package. */
export const rejectionMessages: Record<RejectionReason, string> = {
  'not-a-package': 'This file is not a Steward package (.sdx). Check that you picked the file the district sent.',
  truncated: `This package is incomplete: the file ends early, probably from an interrupted download or copy. ${ASK}`,
  'trailing-bytes': `This package has extra data appended after its end, so it is not exactly what the district sent. ${ASK}`,
  'bad-zip-entry': `This package contains a file that does not belong in a package (an extra, duplicated or misnamed entry). It was not opened. ${ASK}`,
  malformed: `This package is damaged: part of it does not have the structure a package must have. ${ASK}`,
  'manifest-too-large': 'This package\'s manifest is larger than 1 MB, which a genuine package never is. It was not opened.',
  'not-addressed-to-you': 'This package is not addressed to you: it was encrypted for a different certificate, so it cannot be opened with yours. If you recently replaced your certificate, send the district the new one.',
  downgrade: `This package uses weaker encryption or signing than Steward allows, so it was refused. ${ASK}`,
  'untrusted-signer': 'This package was not signed by the district you trust. If the district replaced its certificate, compare the new fingerprint with them by phone before trusting it.',
  'signer-key-mismatch': 'This package is signed with a certificate that imitates your district\'s certificate but has a different key. Do not trust it; tell the district.',
  'bad-signature': `The district's signature on this package does not match its contents: it was altered after signing. ${ASK}`,
  'bad-manifest': `This package's manifest is signed but does not follow the package format. ${ASK}`,
  'recipient-mismatch': 'This package was signed for a different partner and re-addressed to you. It was not opened; tell the district.',
  replayed: 'This package has already been imported. Nothing was changed.',
  rollback: 'This package is older than one you already imported for this agreement, so it was refused.',
  expired: 'This package can no longer be imported: its import deadline or the agreement has ended. Ask the district for a current package.',
  'superseded-version': 'This package was made under an agreement version that has since been replaced. Ask the district for a package under the current version.',
  'chunk-missing': `Part of this package is missing. ${ASK}`,
  tampered: `This package was altered or damaged after the district created it (a part does not match the signed manifest). ${ASK}`,
  'payload-malformed': `The data inside this package is not laid out as the format requires. ${ASK}`,
  'field-not-in-manifest': 'The data in this package contains a field the signed manifest does not list, so it was refused. Tell the district.',
  'field-not-in-agreement': 'The data in this package contains a field the agreement does not grant to this role, so it was refused. Tell the district.',
  'record-count-mismatch': `The number of records in this package differs from the number the district signed. ${ASK}`,
};
