import { expect, test } from '@playwright/test';
import { expectResultImages, gatewayRequests, openTab, resetGateway, setLatency } from './helpers';

// Durable generations in the demo: the proxy's ledger keeps a paid generation going when the page
// goes away, and the page picks it up again by its Idempotency-Key.

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

test('a reload mid-generation comes back as "Resumed: still generating", then the result, in history too, from one generation', async ({
  page,
  request,
}) => {
  await setLatency(request, 5000);
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await gatewayRequests(request)).length).toBe(1);

  await page.reload();
  await expect(page.getByText('Resumed: still generating')).toBeVisible();
  await expectResultImages(page, 1);
  await expect(page.getByText(/Resumed after a reload: done/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'History' }).getByRole('img')).not.toHaveCount(0);

  const recorded = await gatewayRequests(request);
  expect(recorded).toHaveLength(1);
  expect(recorded[0]?.outcome).toBe('completed');
  expect(recorded[0]?.generationsForKey).toBe(1);
  // Images load from the page's own origin (the proxy), never from the mock's loopback port.
  for (const src of await page
    .getByTestId('result-image')
    .evaluateAll((images) => images.map((image) => (image as HTMLImageElement).src))) {
    expect(new URL(src).origin).toBe(new URL(page.url()).origin);
  }
});

test('a reload after the result came shows it again in Results, from the history, without a new generation', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expectResultImages(page, 1);
  await expect(page.getByTestId('results-from-history')).toHaveCount(0);
  const shown = await page.getByTestId('result-image').getAttribute('src');

  await page.reload();
  await expect(page.getByTestId('results-from-history')).toBeVisible();
  await expectResultImages(page, 1);
  expect(await page.getByTestId('result-image').getAttribute('src')).toBe(shown);
  expect(await gatewayRequests(request)).toHaveLength(1);
});

test('a dropped connection during the call ends with the result from one generation', async ({
  page,
  request,
  context,
}) => {
  await setLatency(request, 2500);
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await gatewayRequests(request)).length).toBe(1);
  // The network goes away mid-call: the browser's request fails, and the client retries with
  // the same Idempotency-Key once it is back; the proxy joins the call still running.
  await context.setOffline(true);
  await page.waitForTimeout(700);
  await context.setOffline(false);
  await expectResultImages(page, 1);
  const recorded = await gatewayRequests(request);
  expect(recorded).toHaveLength(1);
  expect(recorded[0]?.generationsForKey).toBe(1);
});
