/**
 * Copies the images of a fresh answer into the image store, so their same-origin URLs outlive the
 * signed links. A failure to keep never fails the generation: it is counted and reported.
 */
import { computeBackoffMs } from '../../client/retry.js';
import { sleep } from '../../shared/abort.js';
import { isRetryableStatus } from '../../shared/retryable-status.js';
import type { ImageFetch } from './image-files.js';
import type { ImageStore } from './image-store.js';

/**
 * How often opening one image is tried again after a dropped connection or a retryable status
 * (408, 409, 429, 5xx), as `saveImages` does: a host closing a kept-alive socket just as it is
 * reused must not cost the only copy that outlives the link.
 */
const keepRetries = 2;

/** Opens `link`: a 200 with a body, or throws the last failure once the retries are spent. */
async function openImage(
  fetch: ImageFetch,
  link: string,
  signal: AbortSignal | undefined,
): Promise<Response & { body: ReadableStream<Uint8Array> }> {
  for (let retry = 0; ; retry++) {
    let response: Response | undefined;
    let failure: unknown;
    try {
      response = await fetch(link, {
        method: 'GET',
        redirect: 'manual',
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      failure = error;
    }
    if (response?.status === 200 && response.body) {
      return response as Response & { body: ReadableStream<Uint8Array> };
    }
    if (response) {
      await response.body?.cancel().catch(() => undefined);
      failure = new Error(`the image host answered HTTP ${response.status}`);
    }
    const retryable = response ? isRetryableStatus(response.status) : !signal?.aborted;
    if (!retryable || retry >= keepRetries) throw failure;
    await sleep(computeBackoffMs(retry), signal);
  }
}

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
      const response = await openImage(input.fetch, link, input.signal);
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
