import { expect, test } from '@playwright/test';
import {
  axeViolations,
  enqueueFaults,
  expectResultImages,
  gatewayRequests,
  openTab,
  resetGateway,
  setLatency,
} from './helpers';

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

test('Cancel during a slow generation aborts the request at the gateway and leaves the UI idle, without an error', async ({
  page,
  request,
}) => {
  await setLatency(request, 20_000);
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect(panel.getByRole('progressbar', { name: 'Estimated progress' })).toBeVisible();
  await expect(panel.getByText(/elapsed/)).toBeVisible();
  await expect.poll(async () => (await gatewayRequests(request)).length).toBe(1);

  await panel.getByRole('button', { name: 'Cancel' }).click();
  await expect(panel.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
  await expect(panel.getByTestId('run-status')).toContainText('Cancelled. Nothing was generated.');
  await expect(panel.getByRole('progressbar')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Nothing generated yet.')).toBeVisible();
  await expect
    .poll(async () => (await gatewayRequests(request)).map((recorded) => recorded.outcome), {
      timeout: 10_000,
    })
    .toEqual(['aborted']);
});

test('a 429 from the gateway: the UI shows the retry, then the result', async ({
  page,
  request,
}) => {
  await enqueueFaults(request, ['429-retry-after']); // Retry-After: 1 s, then success
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect(panel.getByTestId('run-status')).toContainText('Retrying: attempt 2 of 3');
  await expectResultImages(page, 1);
  await expect(panel.getByTestId('run-status')).toContainText('after 1 retry (attempt 2)');
  expect((await gatewayRequests(request)).map((recorded) => recorded.status)).toEqual([429, 200]);
});

test('an invalid form shows the core’s message inline, focuses the field and sends nothing', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  const n = panel.getByLabel('Images (n)');
  await n.fill('5');
  await expect(n).toHaveAttribute('aria-invalid', 'true');
  await expect(panel.getByText(/parameters\.n|n must be|n-range/).first()).toBeVisible();
  await expect(panel.locator('#text-n-messages')).toContainText('n-range');

  await panel.getByLabel('Prompt').fill('');
  await expect(panel.locator('#text-prompt-messages')).toContainText('Error:');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expect(panel.getByTestId('blocked')).toContainText('Nothing was sent');
  await expect(panel.getByLabel('Prompt')).toBeFocused();
  await page.waitForTimeout(300); // give a wrongly sent request time to arrive
  expect(await gatewayRequests(request)).toEqual([]);
  await expect(page.getByTestId('result-image')).toHaveCount(0);
  expect(await axeViolations(page)).toEqual([]);
});

test('an error from the gateway shows its code, the request id and what to do next', async ({
  page,
  request,
}) => {
  await enqueueFaults(request, ['401']);
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('The gateway answered 401');
  await expect(alert).toContainText('InvalidApiKey');
  const [recorded] = await gatewayRequests(request);
  expect(recorded?.requestId).toBeTruthy();
  await expect(alert).toContainText(recorded?.requestId ?? 'missing');
  await expect(alert).toContainText('What to do next: Check TOKENHUB_API_KEY');
  expect(await axeViolations(page)).toEqual([]);
});

test('controls follow the model’s rules: 4K and thinking mode only for text-to-image, limits per model, free-text models', async ({
  page,
}) => {
  await page.goto('/');
  const text = await openTab(page, 'Text to image');
  const size = text.getByLabel('Size');
  await expect(size.locator('option', { hasText: '4K' })).toHaveCount(1);
  await expect(text.getByLabel(/Thinking mode/)).toBeVisible();
  await text.getByLabel('Model').fill('wan2.7-image');
  await expect(size.locator('option', { hasText: '4K' })).toHaveCount(0);
  await text.getByLabel('Model').fill('alibaba/wan2.7-image-pro');
  await expect(size.locator('option', { hasText: '4K' })).toHaveCount(1);
  await text.getByLabel('Model').fill('qwen-image-edit');
  await expect(
    text
      .getByText('qwen-image-edit needs at least 1')
      .or(text.locator('#text-prompt-messages, #text-model-messages, #text-other-messages')),
  ).not.toHaveCount(0);
  await expect(text.getByLabel('Negative prompt (optional)')).toBeVisible();
  await expect(text.getByLabel(/Thinking mode/)).toHaveCount(0);
  await text.getByLabel('Model').fill('acme/paint-1');
  await expect(text.getByText(/unknown-model/)).toBeVisible();

  const edit = await openTab(page, 'Image editing');
  await edit.getByLabel('Model').fill('wan2.7-image-pro');
  await expect(edit.getByLabel('Size').locator('option', { hasText: '4K' })).toHaveCount(0);
  await expect(edit.getByText('4K is not offered')).toBeVisible();
  await expect(edit.getByLabel(/Thinking mode/)).toHaveCount(0);

  const group = await openTab(page, 'Group generation');
  await expect(group.getByLabel('Images in the set (n)')).toHaveAttribute('max', '12');
});

test('keyboard: arrow keys move between the tabs and Enter in the form generates', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('tab', { name: 'Text to image' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Image editing' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'Image editing' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Group generation' })).toBeFocused();
  await page.keyboard.press('Home');
  const panel = page.getByRole('tabpanel', { name: 'Text to image' });
  await expect(panel).toBeVisible();
  await panel.getByLabel('Model').focus();
  await page.keyboard.press('Enter');
  await expectResultImages(page, 1);
});
