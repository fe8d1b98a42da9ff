import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { expectResultImages, gatewayRequests, openTab, resetGateway, sentImages } from './helpers';

const samplePath = (name: string) =>
  fileURLToPath(new URL(`../public/samples/${name}`, import.meta.url));

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

test('text to image: the banner names the mock, the preview is the exact body sent, images appear and stay in the history', async ({
  page,
  request,
}) => {
  await page.goto('/');
  await expect(page.getByText('Mock gateway.')).toBeVisible();
  const panel = await openTab(page, 'Text to image');
  await panel.getByLabel('Prompt').fill('A lighthouse at dusk, oil painting');
  await panel.getByLabel('Size').selectOption('1K');
  await panel.getByLabel('Images (n)').fill('2');
  const preview = JSON.parse(await panel.getByTestId('request-json').inputValue());
  await expect(panel.getByTestId('request-curl')).toHaveValue(/\$TOKENHUB_API_KEY/);
  await expect(panel.getByTestId('request-curl')).toHaveValue(/A lighthouse at dusk/);

  await panel.getByRole('button', { name: 'Generate' }).click();
  await expectResultImages(page, 2);
  await expect(panel.getByTestId('run-status')).toContainText('Done in');
  await expect(page.getByText(/Link expires in 2[34] h/).first()).toBeVisible();

  const [sent] = await gatewayRequests(request);
  expect(sent?.body).toEqual(preview);
  expect(sent?.body.parameters).toMatchObject({ size: '1K', n: 2, thinking_mode: true });

  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('listitem').first()).toContainText('A lighthouse at dusk');
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'History' }).getByText('A lighthouse at dusk'),
  ).toBeVisible();
});

test('image editing: reference images by file picker, drag and drop and URL; wrong type and size are refused; images appear', async ({
  page,
  request,
}) => {
  // Handing Chromium a 21 MB file takes long on a busy machine.
  test.setTimeout(300_000);
  await page.goto('/');
  const panel = await openTab(page, 'Image editing');
  const items = panel.getByTestId('reference-image');
  await expect(items).toHaveCount(2); // the samples the tab opens with
  await panel.getByRole('button', { name: 'Remove Image 1' }).click();
  await expect(items).toHaveCount(1);

  const fileInput = panel.locator('input[type=file]');
  await fileInput.setInputFiles(samplePath('clock.png'));
  await expect(items).toHaveCount(2);
  await expect(panel.getByTestId('image-notice')).toHaveText('Added 1 image.');

  await fileInput.setInputFiles({
    name: 'anim.gif',
    mimeType: 'image/gif',
    buffer: Buffer.from('GIF89a'),
  });
  await expect(panel.getByTestId('image-notice')).toContainText(
    'anim.gif is image/gif; use a JPEG, PNG, BMP or WebP image.',
  );
  await fileInput.setInputFiles({
    name: 'huge.png',
    mimeType: 'image/png',
    buffer: Buffer.alloc(21 * 1024 * 1024),
  });
  await expect(panel.getByTestId('image-notice')).toContainText(
    'huge.png is 21.0 MB; the limit is 20 MB',
  );
  await expect(items).toHaveCount(2);

  // Drag and drop a real PNG file onto the drop zone.
  const bytes = [...readFileSync(samplePath('room.png'))];
  const dataTransfer = await page.evaluateHandle((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([new Uint8Array(data)], 'dropped-room.png', { type: 'image/png' }));
    return transfer;
  }, bytes);
  await panel.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(items).toHaveCount(3);
  await expect(items.nth(2)).toContainText('dropped-room.png');

  await panel.getByLabel('Image URL').fill('/samples/clock.png');
  await panel.getByRole('button', { name: 'Add URL' }).click();
  await expect(items).toHaveCount(4);

  await panel.getByLabel('Prompt').fill('Put the clock from image 2 on the table in image 3.');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expectResultImages(page, 1);

  const [sent] = await gatewayRequests(request);
  const content = sent?.body.input?.messages?.[0]?.content ?? [];
  const images = sentImages(sent);
  expect(images).toHaveLength(4);
  for (const image of images) expect(image).toMatch(/^data:image\/png;base64,/);
  expect(images[2]).toBe(
    `data:image/png;base64,${readFileSync(samplePath('room.png')).toString('base64')}`,
  );
  expect(content.at(-1)).toEqual({ text: 'Put the clock from image 2 on the table in image 3.' });
});

test('group generation: n images of a set with enable_sequential', async ({ page, request }) => {
  await page.goto('/');
  const panel = await openTab(page, 'Group generation');
  await panel.getByLabel('Images in the set (n)').fill('4');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expectResultImages(page, 4);
  const [sent] = await gatewayRequests(request);
  expect(sent?.body.parameters).toMatchObject({ enable_sequential: true, n: 4 });
});

test('copy buttons put the exact preview on the clipboard; results download and open full size', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Copy curl' }).click();
  await expect(panel.getByText('Copied')).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await panel.getByTestId('request-curl').inputValue());
  await panel.getByRole('button', { name: 'Copy JSON body' }).click();
  expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toEqual(
    JSON.parse(await panel.getByTestId('request-json').inputValue()),
  );

  await panel.getByRole('button', { name: 'Generate' }).click();
  const [image] = await (await expectResultImages(page, 1)).all();
  const url = await image?.getAttribute('src');
  await expect(page.getByRole('link', { name: 'Open full size (Result 1 of 1)' })).toHaveAttribute(
    'href',
    url ?? 'missing',
  );
  const downloadEvent = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Result 1 of 1' }).click();
  const download = await downloadEvent;
  expect(download.suggestedFilename()).toMatch(/^tokenhub-.+-1\.png$/);
  const bytes = readFileSync(await download.path());
  expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
});

test('when the links expire, the gallery marks them expired and the history shows the copy kept in this browser', async ({
  page,
}) => {
  await page.clock.install();
  await page.goto('/');
  const panel = await openTab(page, 'Text to image');
  await panel.getByRole('button', { name: 'Generate' }).click();
  await expectResultImages(page, 1);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByText(/expires in 2[34] h/)).toBeVisible();
  await page.clock.fastForward('25:00:00');
  await expect(page.getByText('Link expired')).toBeVisible();
  // The history keeps the bytes (IndexedDB): still shown, from a blob: URL, never "Expired".
  await expect(history.getByText('Saved in this browser')).toBeVisible();
  await expect(history.getByText('Expired', { exact: true })).toHaveCount(0);
  await expect(history.getByTestId('history-image')).toHaveAttribute('src', /^blob:/);
});
