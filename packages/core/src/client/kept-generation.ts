/**
 * Reading and cancelling a generation that the proxy's ledger keeps (`GET` / `DELETE
 * {baseURL}/v1/images/generations/{key}`): how a page that reloaded mid-generation gets its
 * result. Only the kit's proxy serves these routes; TokenHub itself does not.
 */
import { TokenHubAPIError, TokenHubError } from '../errors.js';
import { abortReason, sleep } from '../shared/abort.js';
import type { ImageGenerationResult } from '../types.js';
import type { FetchFunction } from './fetch-types.js';
import { interpretResponse } from './interpret-response.js';
import { computeBackoffMs, parseRetryAfterMs, type RetryBackoffOptions } from './retry.js';
import { sendAttempt } from './send-attempt.js';

/** Options of `client.getGeneration`. */
export interface GetGenerationOptions {
  /** Stops waiting (the generation goes on; use `cancelGeneration` to stop it). */
  signal?: AbortSignal | undefined;
  /** Limit of each poll in ms. Default: the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Failed polls in a row (connection failures, 5xx) before giving up. Default: the client's `maxRetries`. */
  maxRetries?: number | undefined;
}

/** What the kept-generation calls need from the client. */
export interface KeptGenerationContext {
  /** `{baseURL}/v1/images/generations`. */
  url: string;
  /** The client's headers (key, accept, custom). */
  headers: Record<string, string>;
  /** The API key, scrubbed from errors. */
  apiKey: string | undefined;
  fetch: FetchFunction | undefined;
  timeoutMs: number;
  maxRetries: number;
  backoff: RetryBackoffOptions;
}

// While the generation runs the proxy answers 202 with `Retry-After`; without one, poll at this
// pace (a generation takes 1 to 2 minutes).
const pendingPollMs = { initialDelayMs: 1000, maxDelayMs: 5000, maxRetryAfterMs: 30_000 };

function urlOf(context: KeptGenerationContext, key: string): string {
  if (typeof key !== 'string' || key === '') {
    throw new TokenHubError('getGeneration: key must be the Idempotency-Key of a generation');
  }
  return `${context.url}/${encodeURIComponent(key)}`;
}

function fetchOf(context: KeptGenerationContext): FetchFunction {
  if (!context.fetch) {
    throw new TokenHubError(
      'no fetch available: pass options.fetch (or use @tokenhub/image-core/node)',
    );
  }
  return context.fetch;
}

/**
 * Waits for the generation with Idempotency-Key `key` and resolves like `generateImages`: polls
 * while the proxy answers 202 (honouring `Retry-After`), retries failed polls with backoff.
 * Rejects with a `TokenHubAPIError`: 404 `GenerationNotFound` (unknown, expired or another
 * user's), 410 `GenerationCancelled` or `GenerationLost`, or the generation's own error.
 */
export async function getKeptGeneration(
  context: KeptGenerationContext,
  key: string,
  options: GetGenerationOptions = {},
): Promise<ImageGenerationResult> {
  const url = urlOf(context, key);
  const fetchFunction = fetchOf(context);
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? context.timeoutMs;
  const maxRetries = options.maxRetries ?? context.maxRetries;
  let failures = 0;
  for (let poll = 0; ; poll++) {
    if (signal?.aborted) throw abortReason(signal);
    let delayMs: number;
    try {
      const received = await sendAttempt(fetchFunction, {
        method: 'GET',
        url,
        headers: context.headers,
        timeoutMs,
        signal,
      });
      if (received.status === 202) {
        failures = 0;
        const asked = parseRetryAfterMs(received.headers);
        delayMs =
          asked !== undefined && asked <= pendingPollMs.maxRetryAfterMs
            ? asked
            : computeBackoffMs(poll, pendingPollMs);
      } else {
        return interpretResponse(received, context.apiKey);
      }
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (!TokenHubError.isInstance(error) || !error.retryable || failures >= maxRetries) {
        throw error;
      }
      const retryAfterMs = TokenHubAPIError.isInstance(error) ? error.retryAfterMs : undefined;
      delayMs = retryAfterMs ?? computeBackoffMs(failures, context.backoff);
      failures++;
    }
    await sleep(delayMs, signal);
  }
}

/**
 * Cancels the generation with Idempotency-Key `key` at the proxy (which aborts the upstream call).
 * Resolves when it is cancelled, already over, or unknown; rejects on other failures.
 */
export async function cancelKeptGeneration(
  context: KeptGenerationContext,
  key: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<void> {
  const received = await sendAttempt(fetchOf(context), {
    method: 'DELETE',
    url: urlOf(context, key),
    headers: context.headers,
    timeoutMs: context.timeoutMs,
    signal: options.signal,
  });
  if (received.status < 300 || received.status === 404 || received.status === 410) return;
  interpretResponse(received, context.apiKey);
}
