import type { IsoDate } from '../util/dates';
import type { AgreementStatus } from './types';

/**
 * The life of one agreement version:
 *
 *   draft --submit--> in-review --approve--> approved --activate--> active --expire--> expired
 *     ^                  |                     |                      |
 *     +------return------+                     +------terminate-------+--terminate--> terminated
 *
 * An approved or active version is also terminated when a newer version is activated
 * (superseded). Content changes only while a version is a draft: editing an in-review, approved
 * or active version creates a new draft version (the old one keeps its status and approval);
 * expired and terminated versions cannot be edited or revived.
 */
export type AgreementAction = 'submit' | 'return' | 'approve' | 'activate' | 'expire' | 'terminate';

const transitions: Record<AgreementAction, { from: readonly AgreementStatus[]; to: AgreementStatus }> = {
  submit: { from: ['draft'], to: 'in-review' },
  return: { from: ['in-review'], to: 'draft' },
  approve: { from: ['in-review'], to: 'approved' },
  activate: { from: ['approved'], to: 'active' },
  expire: { from: ['active', 'approved'], to: 'expired' },
  terminate: { from: ['approved', 'active'], to: 'terminated' },
};

/** The status after `action`, or null when the action is not allowed from `from`. */
export function nextStatus(from: AgreementStatus, action: AgreementAction): AgreementStatus | null {
  const t = transitions[action];
  return t.from.includes(from) ? t.to : null;
}

/** The actions allowed from a status (for the screens' buttons). */
export function allowedActions(from: AgreementStatus): AgreementAction[] {
  return (Object.keys(transitions) as AgreementAction[]).filter((a) => transitions[a].from.includes(from));
}

/** What editing a version does: change it in place (draft), start a new draft version, or refuse. */
export function editEffect(status: AgreementStatus): 'in-place' | 'new-version' | 'refused' {
  if (status === 'draft') return 'in-place';
  if (status === 'in-review' || status === 'approved' || status === 'active') return 'new-version';
  return 'refused';
}

/**
 * The status to show on `today`: an approved or active version past its expiry date is expired
 * even before it is recorded (main/services/agreement-expiry.ts writes it back when the store is
 * opened and agreements are read; the policy engine refuses it by date either way).
 */
export function effectiveStatus(stored: AgreementStatus, expires: IsoDate, today: IsoDate): AgreementStatus {
  return (stored === 'active' || stored === 'approved') && today > expires ? 'expired' : stored;
}
