import { defineConfig } from 'vitest/config';

// Hook tests render with React Testing Library in jsdom and talk to a real mock gateway over loopback
// HTTP; the SSR test opts into the node environment in its own file.
export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'jsdom',
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
  },
});
