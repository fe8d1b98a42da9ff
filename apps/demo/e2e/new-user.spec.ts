import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import {
  axeViolations,
  drag,
  enqueueFaults,
  expectResultImages,
  gatewayRequests,
  openTab,
  resetGateway,
  sentImages,
  setLatency,
} from './helpers';

// Issue 15, section 5: the places where the demo left a new user guessing, each at desktop and
// phone width.
const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));
const samplePath = (name: string) =>
  fileURLToPath(new URL(`../public/samples/${name}`, import.meta.url));
/** An address no browser here can load (the test Chromium resolves no outside host). */
const unreachableURL = 'https://images.invalid/photo.jpg';
/** The guide's own interactive-editing images, on a host the mock gateway never fetches. */
const guideImages = [
  'https://img.alicdn.com/imgextra/i3/O1CN0157XGE51l6iL9441yX_!!6000000004770-49-tps-1104-1472.webp',
  'https://img.alicdn.com/imgextra/i3/O1CN01SfG4J41UYn9WNt4X1_!!6000000002530-49-tps-1696-960.webp',
];

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

async function shot(page: Page, name: string, width: number): Promise<void> {
  const path = `${screenshots}${name}-${width}.png`;
  await page.screenshot({ path });
  console.log(`screenshot: ${path}`);
}

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 375, height: 812 },
]) {
  const { width } = viewport;
  test.describe(`at ${width} px`, () => {
    test.use({ viewport });

    test('each tab shows its own status: a blocked request is not followed by another run’s “Done”', async ({
      page,
      request,
    }) => {
      const text = await openTab(page, 'Text to image');
      await text.getByRole('button', { name: 'Generate' }).click();
      await expectResultImages(page, 1);
      await expect(text.getByTestId('run-status')).toContainText('Done in');

      const edit = await openTab(page, 'Image editing');
      await expect(edit.getByTestId('reference-image')).toHaveCount(2);
      await edit.getByLabel('Prompt').fill('');
      await edit.getByRole('button', { name: 'Generate' }).click();
      await expect(edit.getByTestId('blocked')).toContainText('Nothing was sent');
      await expect(edit.getByTestId('run-status')).not.toContainText('Done');
      await expect(page.getByTestId('results')).toContainText('From Text to image.');
      await edit.getByTestId('run-status').scrollIntoViewIfNeeded();
      await shot(page, 'status-per-tab', width);

      // The run's own tab still says how it went; a blocked attempt there replaces that line.
      await openTab(page, 'Text to image');
      await expect(text.getByTestId('run-status')).toContainText('Done in');
      await text.getByLabel('Prompt').fill('');
      await text.getByRole('button', { name: 'Generate' }).click();
      await expect(text.getByTestId('blocked')).toContainText('Nothing was sent');
      await expect(text.getByTestId('run-status')).not.toContainText('Done');
      expect(await gatewayRequests(request)).toHaveLength(1);
    });

    test('a run in progress belongs to its tab: other tabs say so, and a Cancel brings back the earlier result and its tab', async ({
      page,
      request,
    }) => {
      const text = await openTab(page, 'Text to image');
      await text.getByRole('button', { name: 'Generate' }).click();
      await expectResultImages(page, 1);

      await setLatency(request, 20_000);
      const group = await openTab(page, 'Group generation');
      await group.getByRole('button', { name: 'Generate' }).click();
      await expect(group.getByRole('progressbar', { name: 'Estimated progress' })).toBeVisible();
      await expect(page.getByTestId('results')).toContainText('Generating…');

      await openTab(page, 'Text to image');
      await expect(text.getByText('A run from Group generation is in progress')).toBeVisible();
      await expect(text.getByRole('button', { name: 'Cancel' })).toHaveCount(0);
      await expect(text.getByRole('progressbar')).toHaveCount(0);
      await expect(text.getByTestId('run-status')).not.toContainText('Done');

      await openTab(page, 'Group generation');
      await group.getByRole('button', { name: 'Cancel' }).click();
      await expect(group.getByTestId('run-status')).toContainText('Cancelled.');
      await expect(page.getByTestId('results')).toContainText('From Text to image.');
      await expectResultImages(page, 1);
    });

    test('a gateway error shows under the Generate button of a long tab and takes the focus', async ({
      page,
      request,
    }) => {
      await enqueueFaults(request, ['401']);
      const panel = await openTab(page, 'Interactive editing');
      await expect(panel.getByTestId('reference-image')).toHaveCount(2);
      const generate = panel.getByRole('button', { name: 'Generate' });
      await generate.click();
      const alert = page.getByRole('alert');
      await expect(alert).toHaveCount(1);
      await expect(panel.getByRole('alert')).toContainText('The gateway answered 401');
      await expect(alert).toContainText('InvalidApiKey');
      await expect(alert).toContainText('What to do next: Check TOKENHUB_API_KEY');
      await expect(alert).toBeFocused();
      await expect(alert).toBeInViewport();
      const [recorded] = await gatewayRequests(request);
      await expect(alert).toContainText(recorded?.requestId ?? 'missing');
      // The alert sits right under the button, not a screen away.
      const buttonBox = await generate.boundingBox();
      const alertBox = await alert.boundingBox();
      expect((alertBox?.y ?? Number.POSITIVE_INFINITY) - (buttonBox?.y ?? 0)).toBeLessThan(200);
      await expect(page.getByTestId('results')).toContainText(
        'Failed: The gateway answered 401. The details are under the Generate button of Interactive editing.',
      );
      await shot(page, 'gateway-error', width);
      expect(await axeViolations(page)).toEqual([]);
    });

    test('an image URL that does not load is marked on its item, blocks Generate until kept, and can be removed', async ({
      page,
      request,
    }) => {
      const panel = await openTab(page, 'Image editing');
      const items = panel.getByTestId('reference-image');
      await expect(items).toHaveCount(2);
      await panel.getByLabel('Image URL').fill(unreachableURL);
      await panel.getByRole('button', { name: 'Add URL' }).click();
      await expect(panel.getByTestId('image-notice')).toHaveText(
        `Added ${unreachableURL}. It did not load in this browser: see its message.`,
      );
      await expect(items).toHaveCount(3);
      const broken = items.nth(2);
      await expect(broken.getByTestId('unloaded-image')).toContainText(
        'Image 3 did not load in this browser',
      );
      await expect(broken.getByTestId('unloaded-image')).toContainText(
        'The gateway fetches image URLs itself',
      );
      await expect(broken.locator('img')).toHaveCount(0); // no broken-image icon, no alt text over it
      await expect(broken).toContainText('image-not-loaded');
      await broken.scrollIntoViewIfNeeded();
      await shot(page, 'image-not-loaded', width);

      // Generate sends nothing and lands on the choice.
      await panel.getByRole('button', { name: 'Generate' }).click();
      await expect(panel.getByTestId('blocked')).toContainText('Nothing was sent');
      const keep = panel.getByLabel('Send Image 3 anyway');
      await expect(keep).toBeFocused();
      await page.waitForTimeout(300); // give a wrongly sent request time to arrive
      expect(await gatewayRequests(request)).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      // Kept knowingly: it is sent as typed, and the mock says it guessed its size.
      await keep.check();
      await expect(broken).not.toContainText('image-not-loaded');
      await panel.getByRole('button', { name: 'Generate' }).click();
      await expectResultImages(page, 1);
      const [sent] = await gatewayRequests(request);
      expect(sentImages(sent)[2]).toBe(unreachableURL);
      await expect(page.getByTestId('assumed-size-note')).toContainText(
        'assumed that image 3 (photo.jpg) is 1024x1024',
      );

      // In interactive editing the item says why no box can be drawn; Remove takes it away.
      const interactive = await openTab(page, 'Interactive editing');
      const interactiveItems = interactive.getByTestId('reference-image');
      await expect(interactiveItems).toHaveCount(2);
      await interactive.getByLabel('Image URL').fill(unreachableURL);
      await interactive.getByRole('button', { name: 'Add URL' }).click();
      await expect(interactiveItems.nth(2).getByTestId('unloaded-image')).toContainText(
        'so boxes cannot be drawn on it',
      );
      await expect(interactiveItems.nth(2).getByRole('group')).toHaveCount(0); // no picker
      await interactive.getByRole('button', { name: 'Remove Image 3' }).click();
      await expect(interactiveItems).toHaveCount(2);
      await expect(interactive.locator('[aria-invalid="true"]')).toHaveCount(0);
    });

    test('the file picker adds only as many files as there are free slots and says how many were left out', async ({
      page,
    }) => {
      const panel = await openTab(page, 'Image editing');
      const items = panel.getByTestId('reference-image');
      await expect(items).toHaveCount(2);
      const clock = readFileSync(samplePath('clock.png'));
      const files = Array.from({ length: 11 }, (_, index) => ({
        name: `photo-${index + 1}.png`,
        mimeType: 'image/png',
        buffer: clock,
      }));
      await panel.locator('input[type=file]').setInputFiles(files);
      await expect(panel.getByTestId('image-notice')).toHaveText(
        'Added 7 images; 4 were left out: this model takes at most 9 reference images.',
      );
      await expect(items).toHaveCount(9);
      await expect(items.nth(8)).toContainText('photo-7.png');
      await expect(panel.getByText('(9 of at most 9)')).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Add URL' })).toBeDisabled();
      await panel.getByTestId('image-notice').scrollIntoViewIfNeeded();
      await shot(page, 'files-left-out', width);
    });

    test('switching the model resets a setting the new model refuses, with a short notice', async ({
      page,
      request,
    }) => {
      const panel = await openTab(page, 'Text to image');
      const size = panel.getByLabel('Size');
      await expect(size).toHaveValue('2K');
      await panel.getByLabel('Images (n)').fill('4');
      await panel.getByLabel('Model').fill('wan2.6-t2i');
      await expect(size).toHaveValue('');
      await expect(panel.getByTestId('model-notice')).toHaveText(
        'Size 2K reset to the model default: wan2.6-t2i does not offer it here.',
      );
      await expect(panel.locator('[aria-invalid="true"]')).toHaveCount(0);
      await expect(panel.locator('.issue-error')).toHaveCount(0);
      await shot(page, 'model-switch', width);

      await panel.getByRole('button', { name: 'Generate' }).click();
      await expectResultImages(page, 4);
      const [sent] = await gatewayRequests(request);
      expect(sent?.body.model).toBe('wan2.6-t2i');
      expect(sent?.body.parameters?.size).toBeUndefined();

      // n above the new model's maximum comes down to it.
      await panel.getByLabel('Model').fill('qwen-image-edit-plus');
      await expect(panel.getByLabel('Images (n)')).toHaveValue('4');
      await panel.getByLabel('Model').fill('qwen-image-edit');
      await expect(panel.getByLabel('Images (n)')).toHaveValue('1');
      await expect(panel.getByTestId('model-notice')).toHaveText(
        'Images (n) 4 lowered to 1, the most qwen-image-edit makes here.',
      );
      await expect(panel.locator('#text-n-messages')).toHaveCount(0);
    });

    test('the outcome shows where the person pressed Generate, even on the longest tab', async ({
      page,
    }) => {
      const panel = await openTab(page, 'Interactive editing');
      await expect(panel.getByTestId('reference-image')).toHaveCount(2);
      const generate = panel.getByRole('button', { name: 'Generate' });
      await generate.click();
      const [image] = await (await expectResultImages(page, 1)).all();
      if (!image) throw new Error('no result image');
      if (width < 960) {
        // Phone: the results card follows the form, just under the run status.
        const buttonBox = await generate.boundingBox();
        const imageBox = await image.boundingBox();
        expect((imageBox?.y ?? Number.POSITIVE_INFINITY) - (buttonBox?.y ?? 0)).toBeLessThan(
          viewport.height / 2,
        );
        await image.scrollIntoViewIfNeeded();
      } else {
        // Desktop: the results column stays in view beside the long form.
        await expect(generate).toBeInViewport();
        await expect(image).toBeInViewport();
      }
      await expect(panel.getByTestId('run-status')).toContainText('Done in');
      await shot(page, 'outcome-in-view', width);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await axeViolations(page)).toEqual([]);
    });

    test('the guide’s own image URLs: the mock guesses their size and the demo says so beside the result', async ({
      page,
      request,
    }) => {
      // This browser loads the guide's images (served here from a sample, 960x640); the mock
      // gateway fetches no outside host, guesses 1024x1024 and says so in a header.
      const room = readFileSync(samplePath('room.png'));
      await page.route('https://img.alicdn.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'image/png', body: room }),
      );
      const panel = await openTab(page, 'Interactive editing');
      const items = panel.getByTestId('reference-image');
      await expect(items).toHaveCount(2);
      await panel.getByRole('button', { name: 'Remove Image 2' }).click();
      await panel.getByRole('button', { name: 'Remove Image 1' }).click();
      await expect(items).toHaveCount(0);
      for (const url of guideImages) {
        await panel.getByLabel('Image URL').fill(url);
        await panel.getByRole('button', { name: 'Add URL' }).click();
        await expect(panel.getByTestId('image-notice')).toHaveText(`Added ${url}.`);
      }
      await expect(items).toHaveCount(2);

      // A box at the right edge of image 2, as in the guide.
      const image = items.nth(1).getByRole('img', { name: /^Image 2/ });
      await image.scrollIntoViewIfNeeded();
      const rect = await image.boundingBox();
      if (!rect) throw new Error('image 2 is not visible');
      await drag(
        page,
        [rect.x + rect.width * 0.75, rect.y + rect.height * 0.4],
        [rect.x + rect.width - 2, rect.y + rect.height * 0.7],
      );
      await expect(items.nth(1).getByTestId('box-summary')).toContainText('[');
      await panel.getByRole('button', { name: 'Generate' }).click();
      await expectResultImages(page, 1);

      const [sent] = await gatewayRequests(request);
      expect(sentImages(sent)).toEqual(guideImages);
      const note = page.getByTestId('assumed-size-note');
      await expect(note).toContainText(
        'assumed that images 1 (O1CN0157XGE51l6iL9441yX_!!6000000004770-49-tps-1104-1472.webp, 960x640 in this browser) and 2 (O1CN01SfG4J41UYn9WNt4X1_!!6000000002530-49-tps-1696-960.webp, 960x640 in this browser) are 1024x1024',
      );
      await expect(note).toContainText('The boxes sent are the ones you drew');
      await note.scrollIntoViewIfNeeded();
      await shot(page, 'assumed-size-note', width);
    });
  });
}
