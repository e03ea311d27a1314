/**
 * What crosses the renderer/main boundary. Raw exceptions never do: a handler's failure becomes
 * `{ ok: false, error }` with a stable code and a message written for the user (no PII).
 */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: ReplyError };

export interface ReplyError {
  /** Stable, machine-readable: the UI may branch on it. */
  code: ErrorCode;
  /** Plain words: what happened and what to do. Never contains student data. */
  message: string;
  /** Where the problem is, when it is in user input (file, line, column, field). */
  where?: { file?: string; line?: number; column?: string; field?: string };
}

export type ErrorCode =
  | 'BAD_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'INVALID_STATE'
  | 'IMPORT_FAILED'
  | 'PACKAGE_REJECTED'
  | 'STORE_LOCKED'
  | 'WRONG_PASSPHRASE'
  | 'STORE_TOO_NEW'
  | 'INTERNAL';

/**
 * The one error type services throw on purpose. Anything else that escapes a handler is mapped
 * to INTERNAL with a generic message, so a stray exception cannot leak a student's name.
 */
export class StewardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly where?: ReplyError['where'],
    /** A finer reason for callers that branch on it (e.g. package rejection kinds). */
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'StewardError';
  }
}

export function isStewardError(e: unknown): e is StewardError {
  return e instanceof StewardError;
}
