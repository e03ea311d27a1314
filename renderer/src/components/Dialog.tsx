import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  /** One line under the title saying what the dialog is for. */
  description?: string;
  onClose(): void;
  children: ReactNode;
  /** 'wide' for forms with many fields, 'full' for printable documents. */
  size?: 'normal' | 'wide' | 'full';
}

/**
 * A modal dialog on the native <dialog> element: the browser traps focus, makes the page behind
 * inert and closes on Escape; focus returns to whatever opened it. Mount it to open it.
 */
export function Dialog({ title, description, onClose, children, size = 'normal' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descId = useId();
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog ref={ref} className={`dialog dialog-${size}`} aria-labelledby={titleId} aria-describedby={description ? descId : undefined}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="dialog-close" onClick={() => close.current()} aria-label="Close">
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {description && <p id={descId} className="dialog-description">{description}</p>}
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
