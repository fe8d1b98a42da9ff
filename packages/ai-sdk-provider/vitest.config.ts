import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The AI SDK's own retries wait 2 s and 4 s between attempts on 5xx.
    testTimeout: 30_000,
  },
});
