import { createRequire } from 'node:module';
import { type APIRequestContext, expect, type Locator, type Page } from '@playwright/test';

/** One request as the mock gateway recorded it (`GET /__mock/requests`, through the plugin). */
export interface RecordedRequest {
  requestId: string;
  body: {
    model?: string;
    input?: { messages?: { content?: Record<string, unknown>[] }[] };
    parameters?: Record<string, unknown>;
  };
  status: number;
  outcome: 'completed' | 'aborted' | undefined;
  fault: string | undefined;
  /** The Idempotency-Key it carried, and how many generations the gateway ran for that key. */
  idempotencyKey: string | undefined;
  generationsForKey: number;
}

const control = '/api/tokenhub/__mock';

/** Clears recorded requests, queued faults and latency at the demo's embedded mock gateway. */
export async function resetGateway(request: APIRequestContext): Promise<void> {
  expect((await request.post(`${control}/reset`)).ok()).toBe(true);
}

/** What reached the gateway so far. */
export async function gatewayRequests(request: APIRequestContext): Promise<RecordedRequest[]> {
  const response = await request.get(`${control}/requests`);
  expect(response.ok()).toBe(true);
  return (await response.json()) as RecordedRequest[];
}

/** Queues faults for the next generations. */
export async function enqueueFaults(request: APIRequestContext, faults: string[]): Promise<void> {
  expect((await request.post(`${control}/faults`, { data: { faults } })).ok()).toBe(true);
}

/** Makes every generation take `ms`. */
export async function setLatency(request: APIRequestContext, ms: number): Promise<void> {
  expect((await request.post(`${control}/latency`, { data: { ms } })).ok()).toBe(true);
}

/** The input images a recorded request carried, in order. */
export function sentImages(recorded: RecordedRequest | undefined): string[] {
  const content = recorded?.body.input?.messages?.[0]?.content ?? [];
  return content.filter((item) => 'image' in item).map((item) => String(item.image));
}

/** Opens the demo on a scenario tab and returns its panel. */
export async function openTab(page: Page, name: string): Promise<Locator> {
  if (!page.url().startsWith('http')) await page.goto('/');
  await page.getByRole('tab', { name }).click();
  return page.getByRole('tabpanel', { name });
}

/** Waits until `count` result images have loaded and returns them. */
export async function expectResultImages(page: Page, count: number): Promise<Locator> {
  const images = page.getByTestId('result-image');
  await expect(images).toHaveCount(count, { timeout: 20_000 });
  for (const image of await images.all()) {
    await expect
      .poll(() =>
        image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth),
      )
      .toBeGreaterThan(0);
  }
  return images;
}

/** Drags with the mouse from one page point to another, in small steps like a person. */
export async function drag(
  page: Page,
  from: [number, number],
  to: [number, number],
): Promise<void> {
  await page.mouse.move(from[0], from[1]);
  await page.mouse.down();
  await page.mouse.move((from[0] + to[0]) / 2, (from[1] + to[1]) / 2, { steps: 4 });
  await page.mouse.move(to[0], to[1], { steps: 4 });
  await page.mouse.up();
}

/** Runs axe-core (injected from the installed package) on the page; returns the violations. */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; help: string; nodes: unknown[] }[]> {
  const require = createRequire(import.meta.url);
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: Document) => Promise<{
            violations: { id: string; help: string; nodes: { target: unknown }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document);
    return result.violations.map((violation) => ({
      id: violation.id,
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target),
    }));
  });
}
