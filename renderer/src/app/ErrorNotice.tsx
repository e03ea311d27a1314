import type { ApiError } from '../api/client';

/** A failed request, in the words the services chose (they never contain student data). */
export function ErrorNotice({ error, title = 'Something went wrong' }: { error: ApiError; title?: string }) {
  const where = error.where ? [error.where.file, error.where.line && `line ${error.where.line}`, error.where.column && `column ${error.where.column}`, error.where.field && `field ${error.where.field}`].filter(Boolean).join(', ') : '';
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{error.message}</p>
      {where && <p className="notice-where">Where: {where}</p>}
    </div>
  );
}
