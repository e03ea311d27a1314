import type { ConsentState, CoverageFilter, CoverageState } from '../../../../shared/api/consents-api';
import type { ConsentMethod, RevocationReason } from '../../../../shared/consent/record';

/** Plain words for the codes the consent channels return. */
export const consentStateLabel: Record<ConsentState, string> = {
  'in-force': 'In force',
  'not-yet': 'Not yet in force',
  declined: 'Declined',
  revoked: 'Revoked',
  expired: 'Expired',
  'lapsed-at-18': 'Ended at 18',
  'signer-not-eligible': 'Signer not eligible',
};

/** Badge tone per state: the word carries the meaning; the tone only repeats it. */
export const consentStateTone: Record<ConsentState, 'ok' | 'warn' | 'stop' | 'neutral'> = {
  'in-force': 'ok',
  'not-yet': 'neutral',
  declined: 'stop',
  revoked: 'stop',
  expired: 'warn',
  'lapsed-at-18': 'warn',
  'signer-not-eligible': 'stop',
};

export const methodLabel: Record<ConsentMethod, string> = {
  'paper-scan': 'Scanned paper form',
  electronic: 'Electronic signature',
};

export const revocationReasonLabel: Record<RevocationReason, string> = {
  'parent-request': 'The parent or guardian asked in writing',
  'student-request': 'The eligible student asked in writing',
  'recorded-in-error': 'The consent was recorded in error',
  other: 'Another reason',
};

export const coverageStateLabel: Record<CoverageState, string> = {
  complete: 'Complete',
  partial: 'Partial',
  missing: 'Missing',
};

export const coverageFilterLabel: Record<CoverageFilter, string> = {
  all: 'All students in scope',
  complete: 'Complete consent',
  partial: 'Partial consent',
  missing: 'No consent',
  'needs-form': 'Need a form',
  expiring: 'Expiring soon',
  'turned-18': 'Turned 18',
  declined: 'Declined',
  revoked: 'Revoked',
};

export const signerLabel = { parent: 'Parent or guardian', 'eligible-student': 'The student (18 or older)' } as const;
