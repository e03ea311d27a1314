import type { StepDef } from './lib/step';

/**
 * Every step of `npm run bench`, in the order they run. Order matters on a fresh clone: the
 * import steps generate the districts and leave their stores in the cache for the later steps.
 * Repetitions: several for the quick steps (median), fewer for the slow ones.
 */
export const DEMO = 16_000;
export const LARGE = 500_000;

/** Loads a step's module in the process that runs it only, so no step carries another's modules in its memory. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- require() here is the lazy load; import() would be ESM under NodeNext
const lazy = <M>(path: string): M => require(path) as M;

export const steps: StepDef[] = [
  { id: `import-${DEMO}`, title: 'import 16,000 students vs sqlite3 .import', load: async () => lazy<typeof import('./import-bench')>('./import-bench').importStep(DEMO, 3) },
  { id: `import-${LARGE}`, title: 'import 500,000 students vs sqlite3 .import', load: async () => lazy<typeof import('./import-bench')>('./import-bench').importStep(LARGE, 1) },
  { id: `preview-${DEMO}`, title: 'preview latency, 16,000 students', stores: [DEMO], load: async () => lazy<typeof import('./preview-bench')>('./preview-bench').previewStep(DEMO, 5) },
  { id: `preview-${LARGE}`, title: 'preview latency, 500,000 students', stores: [LARGE], load: async () => lazy<typeof import('./preview-bench')>('./preview-bench').previewStep(LARGE, 5) },
  { id: 'export', title: 'export one role\'s package, 16,000 students', stores: [DEMO], load: async () => lazy<typeof import('./export-bench')>('./export-bench').exportStep(DEMO, 3) },
  { id: 'package', title: 'package create/open vs openssl cms at 1, 50, 200 MB', load: async () => lazy<typeof import('./package-bench')>('./package-bench').packageStep([1, 50, 200], (mb: number) => (mb >= 50 ? 3 : 5)) },
  { id: 'audit', title: 'audit verify, 1,000,000 rows', load: async () => lazy<typeof import('./audit-bench')>('./audit-bench').auditStep(1_000_000, 3) },
  { id: 'renderer', title: 'renderer start: students grid first paint', stores: [DEMO], load: async () => lazy<typeof import('./renderer-bench')>('./renderer-bench').rendererStep(DEMO, 5) },
];
