import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { IMAGE_TTL_MS } from './test/browser/global-setup.js';
import { sameOriginProxy } from './test/browser/proxy-plugin.js';

// Two projects so `vitest run` runs both. Hook tests render with React Testing Library in jsdom and
// talk to a real mock gateway over loopback HTTP (the SSR test opts into the node environment in its
// own file). The kept-bytes tests need what jsdom lacks (IndexedDB, Blobs, object URLs, <img>
// decoding): they run the real store in real Chromium against a real gateway.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.{ts,tsx}'],
          exclude: ['test/browser/**'],
          environment: 'jsdom',
          setupFiles: ['test/setup.ts'],
          testTimeout: 20_000,
        },
      },
      {
        plugins: [sameOriginProxy(IMAGE_TTL_MS)],
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          globalSetup: ['test/browser/global-setup.ts'],
          testTimeout: 60_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
