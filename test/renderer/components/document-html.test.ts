import { describe, expect, it } from 'vitest';
import { withStyleNonce } from '../../../renderer/src/components/document-html';

/** A generated document shown in the app's frame keeps its styling under the CSP (style-src needs the nonce). */
describe('withStyleNonce', () => {
  it('puts the nonce on every <style> element, with or without attributes', () => {
    const html = '<html><head><style>p{color:red}</style><STYLE media="print">h1{}</STYLE></head><body><p>x</p></body></html>';
    expect(withStyleNonce(html, 'abc123')).toBe('<html><head><style nonce="abc123">p{color:red}</style><style nonce="abc123" media="print">h1{}</STYLE></head><body><p>x</p></body></html>');
  });

  it('keeps a nonce the document already carries, and leaves the text alone', () => {
    const html = '<style nonce="given">a{}</style><p>&lt;style&gt; in text</p>';
    expect(withStyleNonce(html, 'other')).toBe(html);
  });

  it('changes nothing without a nonce (a page not served with one)', () => {
    expect(withStyleNonce('<style>a{}</style>', undefined)).toBe('<style>a{}</style>');
  });
});
