import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Each test starts real Vite servers and a mock gateway; give them room on 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
