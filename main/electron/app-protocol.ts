import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { APP_SCHEME, resolveAppRequest } from './app-protocol-policy';
import { injectNonce, nonceFromBytes, securityHeaders } from './csp-policy';

/**
 * Must run before app 'ready': app:// is a standard, secure scheme (so it has an origin and
 * same-origin rules apply). It does not bypass CSP and gets no service workers.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

/** Serves renderer/dist over app:// (GET only, contained paths), every response with the CSP header. */
export function serveAppProtocol(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const decision = resolveAppRequest(request.method, request.url, rendererRoot);
    const nonce = nonceFromBytes(randomBytes(18));
    const headers = securityHeaders(nonce);
    if (decision.kind === 'refuse') return new Response(null, { status: decision.status, headers });
    try {
      const body = await readFile(decision.filePath);
      const content = decision.isEntry ? injectNonce(body.toString('utf8'), nonce) : body;
      return new Response(content, { status: 200, headers: { ...headers, 'Content-Type': decision.contentType } });
    } catch {
      return new Response(null, { status: 404, headers });
    }
  });
}
