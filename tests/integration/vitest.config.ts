import { defineConfig } from 'vitest/config';

// Tests run over real HTTP against a mock gateway on 127.0.0.1; each file starts its own.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
