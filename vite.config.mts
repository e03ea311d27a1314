import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// The renderer: built into renderer/dist and served by the app:// protocol in Electron and by a
// tiny static server in the e2e tests (test/e2e/harness.ts). Relative base so both work.
// The CSP nonce placeholder is replaced per response by whoever serves index.html
// (main/electron/csp-policy.ts injectNonce); ag-grid reads it for its <style> elements.
const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  html: { cspNonce: '__STEWARD_CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome140',
    // The polyfill is inline script; the CSP forbids inline script, and Chromium does not need it.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1', strictPort: true },
});
