import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { BOX_COLORS, BOX_STROKE } from '@tokenhub/mock-gateway';
import { drag, expectResultImages, gatewayRequests, openTab, resetGateway } from './helpers';

const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

/** The page rectangle and the natural size of the image inside a picker. */
async function imageGeometry(image: Locator) {
  await image.scrollIntoViewIfNeeded();
  await expect
    .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
    .toBeGreaterThan(0);
  const rect = await image.boundingBox();
  if (!rect) throw new Error('image is not visible');
  const natural = await image.evaluate((element: HTMLImageElement) => ({
    width: element.naturalWidth,
    height: element.naturalHeight,
  }));
  return { rect, natural };
}

/** Page point at a fraction of the image, and the ORIGINAL pixel it lands on (unrounded). */
function pointAt(geometry: Awaited<ReturnType<typeof imageGeometry>>, fx: number, fy: number) {
  const { rect, natural } = geometry;
  const x = rect.x + rect.width * fx;
  const y = rect.y + rect.height * fy;
  return {
    page: [x, y] as [number, number],
    original: [
      ((x - rect.x) * natural.width) / rect.width,
      ((y - rect.y) * natural.height) / rect.height,
    ],
  };
}

async function interactivePanel(page: Page) {
  await page.goto('/');
  const panel = await openTab(page, 'Interactive editing');
  await expect(panel.getByTestId('reference-image')).toHaveCount(2);
  return panel;
}

test('a box drawn on the second of two images reaches the gateway in original pixels and shows in the result', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const panel = await interactivePanel(page);
  const second = panel.getByTestId('reference-image').nth(1);
  const image = second.getByRole('img', { name: /^Image 2/ });
  const geometry = await imageGeometry(image);
  expect(geometry.natural).toEqual({ width: 960, height: 640 });
  // Shown smaller than its original size, so screen and image pixels differ.
  expect(geometry.rect.width).toBeLessThan(geometry.natural.width);

  const start = pointAt(geometry, 0.3, 0.35);
  const end = pointAt(geometry, 0.62, 0.72);
  await drag(page, start.page, end.page);
  await expect(second.getByTestId('box-summary')).toContainText('[');

  await panel.getByRole('button', { name: 'Generate' }).click();
  const results = await expectResultImages(page, 1);

  const [sent] = await gatewayRequests(request);
  const bboxList = sent?.body.parameters?.bbox_list as number[][][];
  expect(bboxList).toHaveLength(2);
  expect(bboxList[0]).toEqual([]);
  expect(bboxList[1]).toHaveLength(1);
  const box = bboxList[1]?.[0] ?? [];
  const drawn = [start.original[0], start.original[1], end.original[0], end.original[1]];
  box.forEach((value, index) => {
    expect(Number.isInteger(value)).toBe(true);
    expect(Math.abs(value - (drawn[index] ?? Number.NaN))).toBeLessThanOrEqual(1);
  });

  // The mock outlines the box in the output (colour of input image 2) where it maps by relative position.
  const url = await results.first().getAttribute('src');
  const color = BOX_COLORS[1] ?? [0, 0, 0];
  const check = await page.evaluate(
    async ({ url, box: [b0 = 0, b1 = 0, b2 = 0, b3 = 0], input, stroke }) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(bitmap, 0, 0);
      const pixels = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const at = (x: number, y: number) => {
        const i = (y * bitmap.width + x) * 4;
        return [pixels[i], pixels[i + 1], pixels[i + 2]];
      };
      const sx = bitmap.width / input.width;
      const sy = bitmap.height / input.height;
      const [x1, y1, x2, y2] = [
        Math.round(b0 * sx),
        Math.round(b1 * sy),
        Math.round(b2 * sx) - 1,
        Math.round(b3 * sy) - 1,
      ];
      const middleX = Math.round((x1 + x2) / 2);
      const middleY = Math.round((y1 + y2) / 2);
      return {
        top: at(middleX, y1 + Math.floor(stroke / 2)),
        bottom: at(middleX, y2 - Math.floor(stroke / 2)),
        left: at(x1 + Math.floor(stroke / 2), middleY),
        right: at(x2 - Math.floor(stroke / 2), middleY),
        inside: at(middleX, middleY),
        outside: at(Math.max(0, x1 - 6), Math.max(0, y1 - 6)),
      };
    },
    { url: url ?? '', box, input: geometry.natural, stroke: BOX_STROKE },
  );
  for (const edge of [check.top, check.bottom, check.left, check.right])
    expect(edge).toEqual([...color]);
  expect(check.inside).not.toEqual([...color]);
  expect(check.outside).not.toEqual([...color]);

  // The picture of the demo for the README: this scenario, box drawn, result beside it.
  mkdirSync(screenshots, { recursive: true });
  const path = `${screenshots}readme.png`;
  await page.screenshot({ path, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1000 } });
  console.log(`screenshot: ${path}`);
});

test('the model allows 2 boxes per image: a third cannot be drawn', async ({ page }) => {
  const panel = await interactivePanel(page);
  await expect(panel.getByText('at most 2 per image for this model')).toBeVisible();
  const second = panel.getByTestId('reference-image').nth(1);
  const geometry = await imageGeometry(second.getByRole('img', { name: /^Image 2/ }));
  await drag(page, pointAt(geometry, 0.05, 0.05).page, pointAt(geometry, 0.25, 0.25).page);
  await drag(page, pointAt(geometry, 0.4, 0.05).page, pointAt(geometry, 0.6, 0.25).page);
  await expect(second.getByRole('button', { name: /^Box \d/ })).toHaveCount(2);
  await expect(second.getByText('Maximum of 2 boxes reached')).toBeVisible();

  await drag(page, pointAt(geometry, 0.7, 0.6).page, pointAt(geometry, 0.9, 0.9).page);
  await expect(second.getByRole('button', { name: /^Box \d/ })).toHaveCount(2);
  const preview = JSON.parse(await panel.getByTestId('request-json').inputValue());
  expect(preview.parameters.bbox_list[1]).toHaveLength(2);
});
