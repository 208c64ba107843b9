import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The end-to-end tests spawn the built CLI; a cold Node start on a loaded 2-core machine can take a while.
    testTimeout: 20_000,
  },
});
