import { defineConfig } from 'vitest/config';

// The fault and abuse suite (`npm run test:faults`): real API and worker processes killed, starved
// and flooded. The root suite's global setup builds the migrated template every scenario database
// is copied from (and gives in-process tests their own database). One file at a time: the
// scenarios spawn several processes each, and two cores are all CI has.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.test.ts'],
    globalSetup: ['packages/testing/src/global-setup.ts'],
    setupFiles: ['packages/testing/src/worker-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 180_000,
  },
});
