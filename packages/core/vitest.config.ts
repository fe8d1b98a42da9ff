import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests and the browser-entry bundle check take seconds on a loaded 2-core machine.
    testTimeout: 30_000,
    // Type tests (`*.test-d.ts`: expectTypeOf and @ts-expect-error) run with `vitest run` too.
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
  },
});
