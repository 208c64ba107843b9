import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    // Test files run in child processes, not worker threads: the in-process CLI runs (test/run.ts) change the working
    // directory, which a worker thread cannot.
    pool: 'forks',
    // A few end-to-end tests spawn the built CLI; a cold Node start on a loaded 2-core machine can take a while.
    testTimeout: 20_000,
  },
});
