import { APICallError } from '@ai-sdk/provider';
import { TokenHubAPIError, TokenHubError } from '@tokenhub/image-core';

/** Where a failed call went, for the `APICallError`. */
export interface CallContext {
  /** The endpoint that was called. */
  url: string;
  /** The request body that was sent (never holds the key). */
  requestBody: unknown;
  /** The response headers, key scrubbed, when an answer arrived. */
  responseHeaders: Record<string, string> | undefined;
}

/**
 * Turns the core client's transport and HTTP errors into the AI SDK's `APICallError`, so
 * `generateImage`'s retries and `APICallError.isInstance` work: status, `isRetryable` (408, 409,
 * 429, 5xx, connection failures, timeouts), the body (already scrubbed of the key by the core) and
 * TokenHub's `code` and `requestId` in `data`. Anything else (an abort's reason, ...) is returned
 * unchanged.
 */
export function toAPICallError(error: unknown, context: CallContext): unknown {
  const base = {
    url: context.url,
    requestBodyValues: context.requestBody,
    responseHeaders: context.responseHeaders,
    cause: error,
  };
  if (TokenHubAPIError.isInstance(error)) {
    return new APICallError({
      ...base,
      message: error.message,
      statusCode: error.status,
      responseBody: typeof error.body === 'string' ? error.body : JSON.stringify(error.body),
      isRetryable: error.retryable,
      data: { code: error.code, requestId: error.requestId },
    });
  }
  // No answer at all: a connection failure or a timeout (both retryable).
  if (TokenHubError.isInstance(error)) {
    return new APICallError({ ...base, message: error.message, isRetryable: error.retryable });
  }
  return error;
}
