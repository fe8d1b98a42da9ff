import { expect, test } from '@playwright/test';
import { expectResultImages, openTab, resetGateway } from './helpers';

// What the browser keeps: the demo served with mock links that die after 5 s (playwright.config).
const keepURL = process.env.DEMO_E2E_KEEP_URL;
const linkLifetimeMs = 5000;
test.use({ baseURL: keepURL });

/** How many image records the store's IndexedDB cache holds. */
function keptRecords(page: import('@playwright/test').Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tokenhub-image-bytes');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('images')) return resolve(0);
          const count = db.transaction('images').objectStore('images').count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

test('after the links expire and a reload, history renders from this browser and downloads; Clear history frees the bytes', async ({
  page,
  request,
}) => {
  await resetGateway(request);
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expectResultImages(page, 1);
  // Images come from the page's own origin (the proxy), never from the mock's loopback port.
  for (const src of await page
    .locator('img')
    .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src))) {
    if (src.startsWith('http')) expect(new URL(src).origin).toBe(new URL(page.url()).origin);
  }
  await expect.poll(() => keptRecords(page), { timeout: 20_000 }).toBe(1);

  // Past the links' lifetime (the Expires parameter is whole seconds), then a reload.
  await page.waitForTimeout(linkLifetimeMs + 1500);
  await page.reload();
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText('Saved in this browser')).toBeVisible();
  const thumbs = history.getByTestId('history-image');
  await expect(thumbs).toHaveCount(1);
  await expect
    .poll(() => thumbs.first().evaluate((image: HTMLImageElement) => image.naturalWidth))
    .toBeGreaterThan(0);
  expect(await thumbs.first().getAttribute('src')).toMatch(/^blob:/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    history.getByRole('link', { name: 'Download result 1' }).click(),
  ]);
  const path = await download.path();
  const { statSync } = await import('node:fs');
  expect(statSync(path).size).toBeGreaterThan(100);

  await history.getByRole('button', { name: 'Clear history' }).click();
  await expect(history.getByText('Saved in this browser')).toHaveCount(0);
  await expect.poll(() => keptRecords(page)).toBe(0);
});
