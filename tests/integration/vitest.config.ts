import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Tests run over real HTTP against a mock gateway on 127.0.0.1; each file starts its own.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // The files mostly wait (on loopback HTTP, on leases and links that run out), not compute.
    // Vitest's default of one worker per core but one ran them one by one on a 2-core CI
    // machine (127 s); three side by side take 48-60 s there, also with other suites running.
    maxWorkers: Math.max(3, availableParallelism() - 1),
  },
});
