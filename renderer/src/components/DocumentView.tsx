import { useMemo, useRef, useState } from 'react';
import { styleNonce } from '../grid/grid-setup';
import { saveText } from './files';
import { Dialog } from './Dialog';

/**
 * The services' HTML documents (consent forms, parent reports, the transparency report) carry
 * their own <style>. Shown in a frame they inherit the app's CSP, whose style-src allows only
 * nonced styles, so the page's nonce is put on them. The frame is sandboxed without scripts:
 * it can be printed, never run anything.
 */
export function withStyleNonce(html: string, nonce: string | undefined): string {
  if (!nonce) return html;
  return html.replace(/<style(\s[^>]*)?>/gi, (tag: string) => (/\snonce=/i.test(tag) ? tag : tag.replace(/^<style/i, `<style nonce="${nonce}"`)));
}

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
