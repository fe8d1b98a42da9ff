import { APICallError } from '@ai-sdk/provider';
import { delay, type FetchFunction } from '@ai-sdk/provider-utils';
import { computeBackoffMs, isRetryableStatus } from '@tokenhub/image-core';

/**
 * How often one image download is tried again after a dropped connection or a retryable status
 * (408, 409, 429, 5xx), as `saveImages` does. A GET of a signed link generates nothing, so it is
 * safe to repeat; the generation itself is never sent again from here.
 */
const downloadRetries = 2;

/**
 * Downloads generated images at once (their links die after about 24 hours), in parallel, with the
 * caller's `fetch` and abort signal. No credentials are sent: the links are signed. A dropped
 * connection or a retryable status is tried again (twice, with the client's backoff).
 *
 * A download that still fails is an `APICallError` that is NOT retryable: the images were already
 * generated and billed, and a retry of the call would pay again. Its `data` holds every link and
 * the request id, so the caller can still fetch them while they are valid.
 */
export async function downloadImages(
  urls: readonly string[],
  fetchFunction: FetchFunction,
  requestId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Uint8Array[]> {
  return Promise.all(
    urls.map(async (url) => {
      for (let retry = 0; ; retry++) {
        let status: number | undefined;
        let cause: unknown;
        try {
          const response = await fetchFunction(url, { signal });
          status = response.status;
          if (response.ok) return new Uint8Array(await response.arrayBuffer());
          // Free the connection for the next try: an unread body holds it.
          await response.body?.cancel().catch(() => undefined);
        } catch (error) {
          if (signal?.aborted) throw error;
          // No answer, or the connection dropped mid-body (a host closing a kept-alive socket as
          // it is reused): worth another try.
          cause = error;
        }
        const retryable = cause !== undefined || isRetryableStatus(status ?? 0);
        if (!retryable || retry >= downloadRetries) {
          throw new APICallError({
            message: `image download failed${status ? ` (HTTP ${status})` : ''}; links in error.data.urls`,
            url,
            requestBodyValues: undefined,
            statusCode: status,
            cause,
            isRetryable: false,
            data: { requestId, urls },
          });
        }
        await delay(computeBackoffMs(retry), { abortSignal: signal });
      }
    }),
  );
}
