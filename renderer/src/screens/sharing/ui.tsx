import { useCallback, useRef, useState, type ReactNode } from 'react';
import type { AgreementStatus } from '../../../../shared/agreement/types';
import { toApiError, type ApiError } from '../../api/client';
import { statusLabels, statusMeaning } from './labels';

/**
 * Small pieces the partners, agreements and preview screens share: an action runner that keeps
 * its busy state, error and outcome message; the status badge; and the error notice that keeps
 * the services' line breaks (an import lists one problem per line).
 */

export interface ActionState {
  busy: boolean;
  error: ApiError | null;
  /** What the last successful action did, in words (announced through a live region). */
  message: string;
  run<T>(work: () => Promise<T>, done?: (value: T) => string | void): Promise<T | undefined>;
  clear(): void;
}

export function useAction(): ActionState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [message, setMessage] = useState('');
  const running = useRef(false);
  const run = useCallback(async <T,>(work: () => Promise<T>, done?: (value: T) => string | void): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    setMessage('');
    try {
      const value = await work();
      const said = done?.(value);
      if (typeof said === 'string') setMessage(said);
      return value;
    } catch (e) {
      setError(toApiError(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setMessage('');
  }, []);
  return { busy, error, message, run, clear };
}

/** The status in words (never colour alone), with what it means on hover and for screen readers. */
export function StatusBadge({ status, withMeaning = false }: { status: AgreementStatus; withMeaning?: boolean }) {
  return (
    <span className="status-line">
      <span className={`status-badge status-${status}`} title={statusMeaning[status]}>
        {statusLabels[status]}
      </span>
      {withMeaning && <span className="status-meaning">{statusMeaning[status]}</span>}
    </span>
  );
}

/** A failed request in the services' own words; multi-line messages (import reports) become a list. */
export function Problem({ error, title = 'That did not work' }: { error: ApiError; title?: string }) {
  const [head, ...rest] = error.message.split('\n').filter((l) => l.trim());
  const where = error.where ? [error.where.file, error.where.line && `line ${error.where.line}`, error.where.column && `column ${error.where.column}`, error.where.field && `field ${error.where.field}`].filter(Boolean).join(', ') : '';
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{head}</p>
      {rest.length > 0 && (
        <ul className="problem-lines">
          {rest.map((l, i) => (
            <li key={i}>{l.trim()}</li>
          ))}
        </ul>
      )}
      {where && rest.length === 0 && <p className="notice-where">Where: {where}</p>}
    </div>
  );
}

/** The outcome of the last action, announced politely; errors are shown by <Problem>. */
export function ActionOutcome({ action, errorTitle }: { action: ActionState; errorTitle?: string }) {
  return (
    <>
      <p className="action-message" role="status" aria-live="polite">
        {action.message}
      </p>
      {action.error && <Problem error={action.error} {...(errorTitle ? { title: errorTitle } : {})} />}
    </>
  );
}

/** A bordered section with a heading (level 2 unless told), for the screens' panels. */
export function Panel({ title, id, level = 2, children, actions, className }: { title: ReactNode; id: string; level?: 2 | 3; children: ReactNode; actions?: ReactNode; className?: string }) {
  const H = level === 2 ? 'h2' : 'h3';
  return (
    <section className={`panel ${className ?? ''}`} aria-labelledby={id}>
      <div className="panel-head">
        <H id={id}>{title}</H>
        {actions && <div className="panel-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
