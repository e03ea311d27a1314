import type { LegalBasis } from '../../../../shared/agreement/types';
import type { DestructionState } from '../../../../shared/disclosures/types';

/** Short names of the legal bases for grids (the reports carry the full wording and citation). */
export const basisShort: Record<LegalBasis, string> = {
  consent: 'Written consent',
  'school-official': 'School official',
  studies: 'Studies',
  'audit-evaluation': 'Audit or evaluation',
  directory: 'Directory information',
};

export const destructionLabel: Record<DestructionState, string> = {
  kept: 'Held by partner',
  'partly-destroyed': 'Partly destroyed',
  destroyed: 'Destroyed',
};

export const destructionTone: Record<DestructionState, string> = { kept: 'neutral', 'partly-destroyed': 'warn', destroyed: 'ok' };
