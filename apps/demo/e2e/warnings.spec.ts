import { expect, test } from '@playwright/test';
import { expectResultImages, gatewayRequests, openTab, resetGateway } from './helpers';

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

test('the warnings of the request sent are shown beside its result, and go with it', async ({
  page,
  request,
}) => {
  await page.goto('/');
  const text = await openTab(page, 'Text to image');
  // A model the rules do not know: sent anyway, with an `unknown-model` warning.
  await text.getByLabel('Model').fill('acme/paint-1');
  await text.getByRole('button', { name: 'Generate' }).click();
  await expectResultImages(page, 1);
  const warnings = page.getByRole('region', { name: 'Warnings of the request sent' });
  await expect(warnings).toContainText('unknown-model');
  expect((await gatewayRequests(request))[0]?.body.model).toBe('acme/paint-1');

  await text.getByLabel('Model').fill('wan2.7-image-pro');
  await text.getByRole('button', { name: 'Generate' }).click();
  await expect.poll(async () => (await gatewayRequests(request)).length).toBe(2);
  await expectResultImages(page, 1);
  await expect(warnings).toHaveCount(0);
});
