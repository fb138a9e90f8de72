import { defineConfig } from 'vitest/config';

// The browser suite: the real service in child processes, driven through Chromium. Its global
// setup starts Paperboy on a database of its own, so the root suite's per-worker databases (and its
// globalSetup/setupFiles) are not used. One file at a time: they share that one service.
export default defineConfig({
  test: {
    include: ['tests/browser/**/*.test.ts'],
    globalSetup: ['tests/browser/support/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    // One process for all files: each would otherwise pay seconds importing playwright and vitest.
    // Safe because every file keeps its state in its own hooks (see support/browser-session.ts).
    isolate: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
