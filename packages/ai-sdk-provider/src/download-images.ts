import { APICallError } from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';

/**
 * Downloads generated images at once (their links die after about 24 hours), in parallel, with the
 * caller's `fetch` and abort signal. No credentials are sent: the links are signed.
 *
 * A failed download is an `APICallError` that is NOT retryable: the images were already generated
 * and billed, and a retry would pay again. Its `data` holds every link and the request id, so the
 * caller can still fetch them while they are valid.
 */
export async function downloadImages(
  urls: readonly string[],
  fetchFunction: FetchFunction,
  requestId: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Uint8Array[]> {
  return Promise.all(
    urls.map(async (url) => {
      let status: number | undefined;
      let cause: unknown;
      try {
        const response = await fetchFunction(url, { signal });
        status = response.status;
        if (response.ok) return new Uint8Array(await response.arrayBuffer());
      } catch (error) {
        if (signal?.aborted) throw error;
        cause = error;
      }
      throw new APICallError({
        message: `image download failed (HTTP ${status}); links in error.data.urls`,
        url,
        requestBodyValues: undefined,
        statusCode: status,
        cause,
        isRetryable: false,
        data: { requestId, urls },
      });
    }),
  );
}
