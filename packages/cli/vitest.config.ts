import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The end-to-end tests spawn the built bin, which starts its own mock gateway.
    testTimeout: 60_000,
  },
});
