/**
 * What an answer of the gateway means, once it is fully received: a result, or the error to throw.
 * Pure (no fetch, no timers), so the 2xx / non-2xx / non-JSON rules are unit-tested with plain
 * values.
 */
import { TokenHubAPIError } from '../errors.js';
import { redactHeader, redactJSON, redactSecret } from '../shared/redact.js';
import type { ImageGenerationResult } from '../types.js';
import { createAPIErrorFromResponse, summarizeText } from './api-error.js';
import { parseImageResponse } from './response.js';
import type { HeaderReader } from './retry.js';

/** An HTTP answer read to the end. */
export interface ReceivedResponse {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: HeaderReader;
  /** The whole body as text. */
  text: string;
}

/**
 * Turns a received answer into the result, or throws what the caller should see:
 * - a redirect (3xx, or 0 for a browser's opaque redirect): a `Redirect` API error, never followed;
 * - another non-2xx status: a {@link TokenHubAPIError} with code, message and request id from the body
 *   (retryable per {@link isRetryableStatus});
 * - a 2xx whose body is not JSON: a retryable `MalformedResponse` API error (a truncated or garbled
 *   body is usually transient; the idempotency key makes the retry safe);
 * - a 2xx without any image: a `TokenHubNoImageError`.
 * `secret` (the API key) is scrubbed from everything kept: a gateway that echoes it must not put
 * it into an error, a request id or `raw`.
 */
export function interpretResponse(
  received: ReceivedResponse,
  secret: string | undefined,
): ImageGenerationResult {
  const { status, headers } = received;
  const text = redactSecret(received.text, secret);
  const requestId = redactHeader(headers.get('x-request-id'), secret);
  // 3xx (or 0: a browser's opaque answer to `redirect: 'manual'`): never followed.
  if (status === 0 || (status >= 300 && status < 400)) {
    const location = redactHeader(headers.get('location'), secret);
    throw new TokenHubAPIError({
      status,
      code: 'Redirect',
      message: `the gateway answered with a redirect (HTTP ${status}${location ? ` to ${location}` : ''}), which the client never follows; check baseURL`,
      requestId,
    });
  }
  if (status < 200 || status > 299) {
    throw createAPIErrorFromResponse({ status, headers, text, secret });
  }
  let json: unknown;
  try {
    json = redactJSON(JSON.parse(text), secret);
  } catch {
    throw new TokenHubAPIError(
      {
        status,
        code: 'MalformedResponse',
        message: `the response body is not valid JSON: ${summarizeText(text) || '(empty body)'}`,
        requestId,
        body: text,
      },
      { retryable: true },
    );
  }
  return parseImageResponse(json, { status, requestId });
}
