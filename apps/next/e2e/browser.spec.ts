import { expect, type Page, test } from '@playwright/test';
import { gatewayRequests, promptOf, resetGateway } from './setup';

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

/** Console errors and warnings of the page (a hydration mismatch is one), collected from the start. */
function consoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

async function expectLoadedImages(page: Page, region: string, count: number) {
  const images = page.getByRole('region', { name: region }).getByRole('img');
  await expect(images).toHaveCount(count);
  for (const image of await images.all()) {
    await expect
      .poll(() =>
        image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth),
      )
      .toBeGreaterThan(0);
  }
}

test('the page is rendered on the server and hydrates without a warning', async ({
  page,
  request,
}) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('Interactive editing (draw a box on image 2)');
  expect(html).toContain('alt="Image 2: the room"');
  expect(html).toContain('Generate on the server');

  const problems = consoleProblems(page);
  await page.goto('/');
  // Hydrated: React has attached its props to the server-rendered buttons.
  const generate = page.getByRole('button', { name: 'Generate', exact: true });
  await expect
    .poll(() =>
      generate.evaluate((element) =>
        Object.keys(element).some((key) => key.startsWith('__reactProps')),
      ),
    )
    .toBe(true);
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
});

test('text to image: the hook generates through the route handler', async ({ page, request }) => {
  await page.goto('/');
  await page.getByLabel('Prompt').first().fill('A red fox on the Next.js page');
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  await expectLoadedImages(page, 'Text to image results', 1);
  const [sent] = await gatewayRequests(request);
  expect(promptOf(sent)).toBe('A red fox on the Next.js page');
  expect(sent?.status).toBe(200);
});

test('interactive edit: the drawn box reaches the gateway as bbox_list in original pixels', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto('/');
  const image = page.getByRole('img', { name: 'Image 2: the room' });
  await expect
    .poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth))
    .toBeGreaterThan(0);
  const rect = await image.boundingBox();
  if (!rect) throw new Error('the room image is not visible');
  const natural = await image.evaluate((element: HTMLImageElement) => ({
    width: element.naturalWidth,
    height: element.naturalHeight,
  }));
  // Shown at 480 px wide, smaller than the original: screen and image pixels differ.
  expect(rect.width).toBeLessThan(natural.width);

  const at = (fx: number, fy: number) => ({
    page: [rect.x + rect.width * fx, rect.y + rect.height * fy] as const,
    original: [natural.width * fx, natural.height * fy] as const,
  });
  const start = at(0.3, 0.35);
  const end = at(0.62, 0.72);
  await page.mouse.move(...start.page);
  await page.mouse.down();
  await page.mouse.move((start.page[0] + end.page[0]) / 2, (start.page[1] + end.page[1]) / 2, {
    steps: 4,
  });
  await page.mouse.move(...end.page, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByTestId('boxes')).not.toHaveText('[]');
  const shown = JSON.parse((await page.getByTestId('boxes').textContent()) ?? '[]') as number[][];

  await page.getByRole('button', { name: 'Edit' }).click();
  await expectLoadedImages(page, 'Interactive edit results', 1);

  const [sent] = await gatewayRequests(request);
  const bboxList = sent?.body.parameters?.bbox_list;
  expect(bboxList).toEqual([[], shown]);
  const box = bboxList?.[1]?.[0] ?? [];
  const drawn = [start.original[0], start.original[1], end.original[0], end.original[1]];
  expect(box).toHaveLength(4);
  box.forEach((value, index) => {
    expect(Number.isInteger(value)).toBe(true);
    expect(Math.abs(value - (drawn[index] ?? Number.NaN))).toBeLessThanOrEqual(1);
  });
});

test('the server action generates on the server and returns the images', async ({
  page,
  request,
}) => {
  const browserCalls: string[] = [];
  page.on('request', (sent) => {
    if (sent.url().includes('/api/tokenhub')) browserCalls.push(sent.url());
  });
  await page.goto('/');
  await page.getByLabel('Prompt').nth(1).fill('A lighthouse from the server action');
  await page.getByRole('button', { name: 'Generate on the server' }).click();
  await expectLoadedImages(page, 'Server action results', 1);
  const [sent] = await gatewayRequests(request);
  expect(promptOf(sent)).toBe('A lighthouse from the server action');
  // The browser never called the proxy: the Node client on the server did.
  expect(browserCalls).toEqual([]);
});
