import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { resolveAppRequest } from '../../main/electron/app-protocol-policy';
import { injectNonce, nonceFromBytes, securityHeaders } from '../../main/electron/csp-policy';

/**
 * Serves the built renderer on 127.0.0.1 with the app:// protocol's own rules: the same path
 * policy, the same CSP header and per-response nonce. Chromium will not run module scripts
 * from file://, and this keeps the renderer under test behind the policy it ships with.
 */
export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function startStaticServer(root: string): Promise<StaticServer> {
  let origin = '';
  const server: Server = createServer((req, res) => {
    const nonce = nonceFromBytes(randomBytes(18));
    const headers = securityHeaders(nonce);
    const decision = resolveAppRequest(req.method ?? 'GET', `${origin}${req.url ?? '/'}`, root, origin);
    if (decision.kind === 'refuse') {
      res.writeHead(decision.status, headers).end();
      return;
    }
    readFile(decision.filePath).then(
      (body) => {
        const content = decision.isEntry ? injectNonce(body.toString('utf8'), nonce) : body;
        res.writeHead(200, { ...headers, 'Content-Type': decision.contentType }).end(content);
      },
      () => res.writeHead(404, headers).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
