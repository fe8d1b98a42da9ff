/**
 * Fetching an upstream image link for the proxy (to keep it, or to stream it to the caller), with
 * the retries `saveImages` has: a host closing a kept-alive socket just as it is reused, or a
 * storage host answering 503, must not cost the only copy that outlives the link.
 */
import { computeBackoffMs } from '../../client/retry.js';
import { sleep } from '../../shared/abort.js';
import { isRetryableStatus } from '../../shared/retryable-status.js';

/** The Web `fetch` shape used for image bytes (streamed, unlike the JSON calls). */
export type ImageFetch = (url: string, init: RequestInit) => Promise<Response>;

/** How often a link is tried again after a dropped connection or a 408, 409, 429 or 5xx. */
const imageRetries = 2;

/**
 * GETs `link` without following a redirect, trying again (with the client's backoff) after a
 * dropped connection or a retryable status. Resolves with the last answer, whatever its status;
 * rejects with the last connection failure, or at once when `init.signal` aborts.
 */
export async function fetchImage(
  fetch: ImageFetch,
  link: string,
  init: Omit<RequestInit, 'method' | 'redirect'> = {},
): Promise<Response> {
  const signal = init.signal ?? undefined;
  for (let retry = 0; ; retry++) {
    try {
      const response = await fetch(link, { ...init, method: 'GET', redirect: 'manual' });
      if (!isRetryableStatus(response.status) || retry >= imageRetries) return response;
      // Free the connection for the next try: an unread body holds it.
      await response.body?.cancel().catch(() => undefined);
    } catch (error) {
      if (signal?.aborted || retry >= imageRetries) throw error;
    }
    await sleep(computeBackoffMs(retry), signal);
  }
}
