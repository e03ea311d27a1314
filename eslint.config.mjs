// Layering is a lint rule, not prose (VS Code style): shared <- main, shared <- renderer,
// and only main/electron (plus the preload) may import electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Bare Node built-in names are matched exactly (so './events' stays allowed); the rest are globs.
const nodeBuiltinNames = ['fs', 'path', 'crypto', 'os', 'child_process', 'stream', 'zlib', 'url', 'util', 'worker_threads', 'events', 'buffer', 'readline', 'http', 'https', 'net'];
const nodeBuiltins = ['node:*'];
const restrict = (patterns, message, names = nodeBuiltinNames) => ({
  'no-restricted-imports': ['error', {
    paths: names.map((name) => ({ name, message })),
    patterns: patterns.map((group) => ({ group: [group], message })),
  }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench-cache/**', 'bin/**', 'scripts/**/*.js', 'renderer/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3*', 'node-forge', 'react*', '**/main/**', '**/renderer/**', '../../main/*', '../../renderer/*'],
      'shared/ is pure: no Node, Electron, DB, DOM or imports from main/ or renderer/.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3*', 'node-forge', '**/main/**', '../../main/*'],
      'renderer/ talks to main only through the typed bridge; it imports shared/ only.',
    ),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/preload.ts'],
    rules: restrict(['electron', 'electron/*', '**/renderer/**'], 'Only main/electron/ and the preload import electron; main never imports renderer/.', []),
  },
  {
    files: ['main/electron/**/*.ts', 'main/preload.ts'],
    rules: restrict(['**/renderer/**'], 'main never imports renderer/.', []),
  },
);
