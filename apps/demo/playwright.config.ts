import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { freePort } from './e2e/free-port';

// Chosen once in the main process; workers inherit it through the env.
process.env.DEMO_E2E_PORT ??= String(await freePort());
const port = Number(process.env.DEMO_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
// A second demo (vite dev, nothing built twice) whose mock links die after a few seconds, for the
// tests of what the browser keeps after the links expired (e2e/kept.spec.ts).
process.env.DEMO_E2E_KEEP_PORT ??= String(await freePort());
const keepPort = Number(process.env.DEMO_E2E_KEEP_PORT);
process.env.DEMO_E2E_KEEP_URL = `http://127.0.0.1:${keepPort}`;
/** How long the second demo's image links live. */
export const KEEP_IMAGE_TTL_MS = 5000;
// DEMO_E2E_SERVER=dev runs the suite against `vite` (dev) instead of `vite preview` of a build.
const serveCommand =
  process.env.DEMO_E2E_SERVER === 'dev'
    ? `pnpm exec vite --host 127.0.0.1 --port ${port} --strictPort`
    : `pnpm exec vite build --logLevel warn && pnpm exec vite preview --host 127.0.0.1 --port ${port} --strictPort`;

export default defineConfig({
  testDir: './e2e',
  // One demo server and one mock gateway are shared: tests run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    baseURL,
    browserName: 'chromium',
    trace: 'off',
    launchOptions: chromiumLaunchOptions,
  },
  webServer: [
    {
      // The production build, served by `vite preview` with the plugin's mock gateway (no key).
      command: serveCommand,
      url: `${baseURL}/api/tokenhub/__status`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: { TOKENHUB_API_KEY: '' },
    },
    {
      command: `pnpm exec vite --host 127.0.0.1 --port ${keepPort} --strictPort`,
      url: `${process.env.DEMO_E2E_KEEP_URL}/api/tokenhub/__status`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
      env: { TOKENHUB_API_KEY: '', TOKENHUB_MOCK_IMAGE_TTL_MS: String(KEEP_IMAGE_TTL_MS) },
    },
  ],
});
