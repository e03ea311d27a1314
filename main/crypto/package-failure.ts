import { StewardError } from '../../shared/api/result';
import { rejectionMessages, type RejectionReason } from '../../shared/package/rejections';

/**
 * Thrown inside main/crypto when untrusted input fails a check. `detail` is technical (which
 * structure, which offset) for tests and the diagnostic log; it never carries package contents.
 * The package reader turns it into the StewardError the rest of the app sees.
 */
export class PackageFailure extends Error {
  constructor(
    readonly reason: RejectionReason,
    readonly detail: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'PackageFailure';
  }
}

/**
 * StewardError('PACKAGE_REJECTED', plain words for the partner, where, reason). The technical
 * failure rides along as `cause` for tests and the diagnostic log; the message stays plain.
 */
export function toStewardError(f: PackageFailure, file?: string): StewardError {
  const error = new StewardError('PACKAGE_REJECTED', rejectionMessages[f.reason], file ? { file } : undefined, f.reason);
  Object.defineProperty(error, 'cause', { value: f, enumerable: false });
  return error;
}
