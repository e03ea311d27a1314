import { useMemo, useRef, useState } from 'react';
import { styleNonce } from '../grid/grid-setup';
import { saveText } from './files';
import { withStyleNonce } from './document-html';
import { Dialog } from './Dialog';

export interface DocumentFrameProps {
  html: string;
  /** The frame's accessible name. */
  title: string;
  fileName: string;
  className?: string;
}

/** A printable document in a sandboxed frame, with Print and Save buttons above it. */
export function DocumentFrame({ html, title, fileName, className }: DocumentFrameProps) {
  const frame = useRef<HTMLIFrameElement>(null);
  const srcDoc = useMemo(() => withStyleNonce(html, styleNonce()), [html]);
  const [status, setStatus] = useState('');
  return (
    <div className={`document-frame ${className ?? ''}`}>
      <div className="document-actions">
        <button
          type="button"
          className="button-primary"
          onClick={() => {
            frame.current?.contentWindow?.focus();
            frame.current?.contentWindow?.print();
          }}
        >
          Print or save as PDF…
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            saveText(fileName, html, 'text/html');
            setStatus(`Saved as ${fileName}.`);
          }}
        >
          Save HTML
        </button>
        <span className="muted" role="status" aria-live="polite">{status}</span>
      </div>
      <iframe ref={frame} className="document-iframe" title={title} srcDoc={srcDoc} sandbox="allow-same-origin allow-modals" />
    </div>
  );
}

/** A document opened from a button: a full-window dialog with the printable view. */
export function DocumentDialog({ html, title, fileName, onClose }: DocumentFrameProps & { onClose(): void }) {
  return (
    <Dialog title={title} onClose={onClose} size="full">
      <DocumentFrame html={html} title={title} fileName={fileName} />
    </Dialog>
  );
}
