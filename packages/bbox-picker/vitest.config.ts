import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { pointerCommands } from './test/browser/commands';

// Debian's Chromium; playwright must never download a browser.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

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
          include: ['test/browser/**/*.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath, args } }),
            instances: [{ browser: 'chromium', viewport: { width: 1200, height: 900 } }],
            commands: pointerCommands,
          },
        },
      },
    ],
  },
});
