import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { freePort } from './free-port';
import { expectResultImages } from './helpers';

// With TOKENHUB_API_KEY set the demo talks to "the real TokenHub": here a mock gateway that demands
// that key stands in for it (TOKENHUB_BASE_URL), so the key's path can be checked end to end.
const root = fileURLToPath(new URL('..', import.meta.url));
const key = 'sk-demo-e2e-0c1d2e3f4a5b6c7d';
let gateway: MockGateway;
let server: ChildProcess;
let baseURL: string;

test.beforeAll(async () => {
  gateway = await startMockGateway({ apiKey: key });
  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    {
      cwd: root,
      env: { ...process.env, TOKENHUB_API_KEY: key, TOKENHUB_BASE_URL: gateway.url },
      stdio: 'ignore',
    },
  );
  await expect
    .poll(
      async () => (await fetch(`${baseURL}/api/tokenhub/__status`).catch(() => undefined))?.status,
      {
        timeout: 30_000,
      },
    )
    .toBe(200);
});

test.afterAll(async () => {
  server?.kill();
  await gateway?.close();
});

test('with TOKENHUB_API_KEY the banner names the real gateway, requests carry the key upstream only', async ({
  page,
}) => {
  const seenByBrowser: string[] = [];
  page.on('request', (request) => seenByBrowser.push(JSON.stringify(request.headers())));
  page.on('response', async (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (/javascript|json|html|text/.test(type))
      seenByBrowser.push(await response.text().catch(() => ''));
  });
  await page.goto(baseURL);
  await expect(page.getByText(`Real TokenHub at ${gateway.url}`)).toBeVisible();
  await page
    .getByRole('tabpanel', { name: 'Text to image' })
    .getByRole('button', { name: 'Generate' })
    .click();
  await expectResultImages(page, 1);

  expect(gateway.requests).toHaveLength(1);
  expect(gateway.requests[0]?.headers.authorization).toBe(`Bearer ${key}`);
  expect(seenByBrowser.length).toBeGreaterThan(5);
  expect(seenByBrowser.filter((text) => text.includes(key))).toEqual([]);
  expect((await fetch(`${baseURL}/api/tokenhub/__mock/requests`)).status).toBe(404);
});
