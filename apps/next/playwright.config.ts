import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { freePort } from '../../scripts/free-port.mjs';
import { canaryKey } from './e2e/setup';

// Chosen once in the main process; workers inherit them through the env.
process.env.NEXT_E2E_PORT ??= String(await freePort());
process.env.NEXT_E2E_MOCK_PORT ??= String(await freePort());
const port = Number(process.env.NEXT_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

// `next build` sees a fake key (the key-leak spec looks for it in .next/static); `next start` sees
// none, so the start script runs the mock gateway. NEXT_E2E_SKIP_BUILD=1 reuses an earlier build.
const build = `TOKENHUB_API_KEY=${canaryKey} pnpm exec next build`;
const start = `TOKENHUB_MOCK_PORT=${process.env.NEXT_E2E_MOCK_PORT} node scripts/with-mock.mjs pnpm exec next start -H 127.0.0.1 -p ${port}`;

export default defineConfig({
  testDir: './e2e',
  // One app server and one mock gateway are shared: tests run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  outputDir: 'test-results',
  use: { baseURL, browserName: 'chromium', trace: 'off', launchOptions: chromiumLaunchOptions },
  webServer: {
    command: process.env.NEXT_E2E_SKIP_BUILD === '1' ? start : `${build} && ${start}`,
    url: `${baseURL}/`,
    reuseExistingServer: false,
    // next build takes minutes on a busy 2-core machine.
    timeout: 600_000,
    stdout: 'pipe',
    env: { TOKENHUB_API_KEY: '', NEXT_TELEMETRY_DISABLED: '1' },
  },
});
