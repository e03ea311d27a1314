import { describe, expect, it } from 'vitest';
import { buildCsp, CSP_NONCE_PLACEHOLDER, injectNonce, nonceFromBytes, securityHeaders } from '../../../main/electron/csp-policy';

const nonce = nonceFromBytes(new Uint8Array(18).fill(7));

describe('CSP policy', () => {
  it('is exactly the policy of ARCHITECTURE.md, with the nonce for styles', () => {
    expect(buildCsp(nonce)).toBe(
      `default-src 'none'; script-src 'self'; style-src 'self' 'nonce-${nonce}'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'`,
    );
  });

  it('never allows inline or eval scripts, nor remote hosts', () => {
    const csp = buildCsp(nonce);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('refuses a nonce that could inject directives into the header', () => {
    expect(() => buildCsp(`abc'; script-src *`)).toThrow(/Invalid CSP nonce/);
    expect(() => buildCsp('short')).toThrow(/Invalid CSP nonce/);
    expect(() => nonceFromBytes(new Uint8Array(8))).toThrow(/16 random bytes/);
  });

  it('puts the response nonce everywhere the built HTML has the placeholder', () => {
    const html = `<meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}"><script nonce="${CSP_NONCE_PLACEHOLDER}" src="./a.js"></script>`;
    const out = injectNonce(html, nonce);
    expect(out).not.toContain(CSP_NONCE_PLACEHOLDER);
    expect(out.split(nonce)).toHaveLength(3);
  });

  it('sends the CSP and no-sniff headers on every response', () => {
    const h = securityHeaders(nonce);
    expect(h['Content-Security-Policy']).toBe(buildCsp(nonce));
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});
