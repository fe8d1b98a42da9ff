/**
 * Reading and cancelling a generation that the proxy's ledger keeps (`GET` / `DELETE
 * {baseURL}/v1/images/generations/{key}`): how a page that reloaded mid-generation gets its
 * result. Only the kit's proxy serves these routes; TokenHub itself does not.
 */
import { TokenHubError } from '../errors.js';
import { sleep, throwIfAborted } from '../shared/abort.js';
import type { ImageGenerationResult } from '../types.js';
import type { FetchFunction } from './fetch-types.js';
import { interpretResponse } from './interpret-response.js';
import {
  computeRetryDelayMs,
  isRetryableError,
  parseRetryAfterMs,
  type RetryBackoffOptions,
  retryDelayAfter,
} from './retry.js';
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
  const { signal } = options;
  const timeoutMs = options.timeoutMs ?? context.timeoutMs;
  const maxRetries = options.maxRetries ?? context.maxRetries;
  let failures = 0;
  for (let poll = 0; ; poll++) {
    throwIfAborted(signal);
    let delayMs: number;
    try {
      const received = await sendAttempt(context.fetch, {
        method: 'GET',
        url,
        headers: context.headers,
        timeoutMs,
        signal,
      });
      if (received.status !== 202) return interpretResponse(received, context.apiKey);
      failures = 0;
      delayMs = computeRetryDelayMs(poll, parseRetryAfterMs(received.headers), pendingPollMs);
    } catch (error) {
      throwIfAborted(signal);
      if (!isRetryableError(error) || failures >= maxRetries) throw error;
      delayMs = retryDelayAfter(error, failures++, context.backoff);
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
  const received = await sendAttempt(context.fetch, {
    method: 'DELETE',
    url: urlOf(context, key),
    headers: context.headers,
    timeoutMs: context.timeoutMs,
    signal: options.signal,
  });
  if (received.status < 300 || received.status === 404 || received.status === 410) return;
  interpretResponse(received, context.apiKey);
}
