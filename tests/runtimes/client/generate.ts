/**
 * The browser/fetch client as any runtime runs it: no key, only the proxy's URL. Used by the smoke
 * tests in Bun, Deno, workerd and Node to make one generation end to end through the proxy.
 */
import { createTokenHubClient, imageRequest } from '@tokenhub/image-core';

/** What a smoke generation reports back to the test (plain JSON). */
export interface SmokeGeneration {
  requestId: string | undefined;
  urls: string[];
  finished: boolean;
}

/** The prompt the smoke generation sends; the test finds it in the mock's recorded requests. */
export const smokePrompt = 'A lighthouse at dusk, smoke test';

/** Generates two images through the proxy at `proxyURL` (e.g. `http://127.0.0.1:3000/api/tokenhub`). */
export async function generateThroughProxy(proxyURL: string): Promise<SmokeGeneration> {
  const client = createTokenHubClient({ baseURL: proxyURL, maxRetries: 0 });
  const result = await client.generateImages(
    imageRequest('wan2.7-image').text(smokePrompt).size('1K').n(2),
  );
  return {
    requestId: result.requestId,
    urls: result.images.map((image) => image.url),
    finished: result.finished,
  };
}
