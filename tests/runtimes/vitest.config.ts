import { defineConfig } from 'vitest/config';

// Each file starts a mock gateway (Node) and its runtime's server as a child process.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
