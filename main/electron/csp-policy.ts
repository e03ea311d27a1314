/**
 * The Content-Security-Policy of the app, sent as a response header on every app:// response
 * (and by the e2e test server, so the renderer is tested under the same policy it ships with).
 * Pure: no electron import, so it is unit-tested under plain Node.
 */

/** What the built index.html carries where the per-response nonce goes (vite.config.mts `html.cspNonce`). */
export const CSP_NONCE_PLACEHOLDER = '__STEWARD_CSP_NONCE__';

/** A nonce is base64 of at least 16 random bytes; anything else could smuggle directives into the header. */
const NONCE_PATTERN = /^[A-Za-z0-9+/]{22,}={0,2}$/;

/** Encodes random bytes (the caller draws them: this module has no randomness of its own) as a nonce. */
export function nonceFromBytes(bytes: Uint8Array): string {
  if (bytes.length < 16) throw new Error('A CSP nonce needs at least 16 random bytes');
  return Buffer.from(bytes).toString('base64');
}

/**
 * The policy from ARCHITECTURE.md, exactly: nothing by default; scripts, styles, images and fetches
 * only from the app itself; inline styles only with the nonce (ag-grid's theme injects <style>
 * elements carrying it); data: images (ag-grid's icons); no plugins, no <base>, no framing.
 */
export function buildCsp(nonce: string): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error('Invalid CSP nonce');
  return [
    `default-src 'none'`,
    `script-src 'self'`,
    `style-src 'self' 'nonce-${nonce}'`,
    `img-src 'self' data:`,
    `connect-src 'self'`,
    `object-src 'none'`,
    `base-uri 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

/** Puts the response's nonce into the built HTML (the meta tag the renderer reads, and Vite's nonce attributes). */
export function injectNonce(html: string, nonce: string): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error('Invalid CSP nonce');
  return html.split(CSP_NONCE_PLACEHOLDER).join(nonce);
}

/** Headers every app:// response carries, besides Content-Type. */
export function securityHeaders(nonce: string): Record<string, string> {
  return {
    'Content-Security-Policy': buildCsp(nonce),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}
