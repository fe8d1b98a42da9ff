import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { pointerCommands } from './test/browser/commands';

// Two projects so `vitest run` runs both: pure geometry in Node, the component in real Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/geometry/**/*.test.ts', 'test/unit/**/*.test.ts'],
        },
      },
      {
        // Pre-bundled up front so Vite never reloads the page mid-run to add a dependency.
        optimizeDeps: {
          include: [
            'react',
            'react-dom',
            'react-dom/client',
            'react/jsx-dev-runtime',
            'axe-core',
            'vitest-browser-react',
          ],
        },
        test: {
          name: 'browser',
          // Room for a busy 2-core machine; nothing here measures speed.
          testTimeout: 30_000,
          include: ['test/browser/**/*.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium', viewport: { width: 1200, height: 900 } }],
            commands: pointerCommands,
          },
        },
      },
    ],
  },
});
