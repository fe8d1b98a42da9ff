import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { axeViolations, expectResultImages, openTab, resetGateway } from './helpers';

const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));
const tabs = [
  ['text', 'Text to image'],
  ['edit', 'Image editing'],
  ['interactive', 'Interactive editing'],
  ['group', 'Group generation'],
] as const;

test.beforeAll(() => {
  mkdirSync(screenshots, { recursive: true });
});

test.beforeEach(async ({ request }) => {
  await resetGateway(request);
});

for (const [id, name] of tabs) {
  test(`${name}: zero axe violations before and after a generation; screenshots at 1280 and 375 px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto('/');
    const panel = await openTab(page, name);
    if (id === 'edit' || id === 'interactive') {
      await expect(panel.getByTestId('reference-image')).toHaveCount(2);
    }
    expect(await axeViolations(page)).toEqual([]);

    await panel.getByRole('button', { name: 'Generate' }).click();
    await expectResultImages(page, id === 'group' ? 4 : 1);
    expect(await axeViolations(page)).toEqual([]);

    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
      // Nothing may overflow sideways at phone width.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      const path = `${screenshots}${id}-${width}.png`;
      await page.screenshot({ path, fullPage: true });
      console.log(`screenshot: ${path}`);
    }
  });
}
