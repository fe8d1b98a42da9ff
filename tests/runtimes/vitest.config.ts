import { defineConfig } from 'vitest/config';

// Each file starts a mock gateway (Node) and its runtime's server as a child process. Generous
// limits: on a busy 2-core machine a runtime (or tsx) can take a minute to start.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
