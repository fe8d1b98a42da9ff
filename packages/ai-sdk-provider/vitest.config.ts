import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Room for a loaded 2-core machine (a set of 12 PNGs, the AI SDK's 2 s wait before a retry);
    // nothing here asserts a duration.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
