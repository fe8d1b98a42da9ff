/**
 * Copies the images of a fresh answer into the image store, so their same-origin URLs outlive the
 * signed links. A failure to keep never fails the generation: it is counted and reported.
 */
import { fetchImage, type ImageFetch } from './fetch-image.js';
import type { ImageStore } from './image-store.js';

/** What happened when the proxy kept the images of one answer. */
export interface ImageKeepReport {
  /** Images copied into the store. */
  kept: number;
  /** Images that could not be copied (the generation still succeeded). */
  failed: number;
  /** The first failure's message, without the link (signed links are credentials). */
  error?: string;
}

/** Copies every link of `links` into `store` under `id`, one after another. */
export async function keepImages(input: {
  store: ImageStore;
  fetch: ImageFetch;
  id: string;
  links: readonly string[];
  signal?: AbortSignal | undefined;
}): Promise<ImageKeepReport> {
  const report: ImageKeepReport = { kept: 0, failed: 0 };
  for (const [index, link] of input.links.entries()) {
    try {
      if (!/^https?:\/\//i.test(link)) throw new Error('the image link is not an http(s) URL');
      const response = await fetchImage(
        input.fetch,
        link,
        input.signal ? { signal: input.signal } : {},
      );
      if (response.status !== 200 || !response.body) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`the image host answered HTTP ${response.status}`);
      }
      await input.store.put(input.id, index, {
        body: response.body,
        contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      });
      report.kept++;
    } catch (error) {
      report.failed++;
      report.error ??= `image ${index}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
  return report;
}
