/**
 * The TokenHub client: validates a request before spending money, sends it with retries, and
 * parses the answer. Browser-safe: it only needs a `fetch` (Node users get a tuned one from
 * `@tokenhub/image-core/node`).
 */
import { TokenHubAPIError, TokenHubError, TokenHubValidationError } from '../errors.js';
import { sleep, throwIfAborted } from '../shared/abort.js';
import { DEFAULT_BASE_URL, generationsURL } from '../shared/gateway.js';
import { numberOption } from '../shared/options.js';
import { requestBody } from '../shared/request-body.js';
import type { ImageGenerationResult, ImageRequestBody, ImageRequestInput } from '../types.js';
import type { ValidationResult } from '../validation/issue.js';
import type { ModelRegistry } from '../validation/registry.js';
import { validateImageRequest } from '../validation/validate.js';
import { isBrowserEnvironment } from './environment.js';
import type { FetchFunction } from './fetch-types.js';
import { createIdempotencyKey } from './idempotency-key.js';
import { interpretResponse } from './interpret-response.js';
import {
  cancelKeptGeneration,
  type GetGenerationOptions,
  getKeptGeneration,
  type KeptGenerationContext,
} from './kept-generation.js';
import {
  createObserver,
  maskHeaders,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
  type TokenHubClientObservers,
} from './observe.js';
import { isRetryableError, type RetryBackoffOptions, retryDelayAfter } from './retry.js';
import { type AttemptRequest, sendAttempt } from './send-attempt.js';

/** Options of {@link createTokenHubClient}. */
export interface TokenHubClientOptions extends TokenHubClientObservers {
  /**
   * TokenHub API key, sent as `Authorization: Bearer <key>`. Omit it when calling a same-origin
   * proxy that adds the key on the server. Never ends up in an error, a log line or `toString`.
   */
  apiKey?: string | undefined;
  /**
   * Gateway origin, or a path such as `/api/tokenhub` for a same-origin proxy in a browser.
   * Trailing slashes are ignored. Default `https://tokenhub.link`.
   */
  baseURL?: string | undefined;
  /** The `fetch` to use. Default `globalThis.fetch`. */
  fetch?: FetchFunction | undefined;
  /** Retries after the first attempt, for 408, 409, 429, 5xx, connection failures and timeouts. Default 2. */
  maxRetries?: number | undefined;
  /**
   * Limit per attempt (headers and body), in ms. Default 300 000 (5 minutes: a group of four images
   * takes about a minute upstream). 0 or `Infinity` disables it.
   */
  timeoutMs?: number | undefined;
  /** Extra headers on every request (names are case-insensitive; these override the defaults). */
  headers?: Record<string, string> | undefined;
  /**
   * Allow an `apiKey` in a browser page. Anyone who opens the page can read the key: prefer a
   * same-origin proxy (`baseURL: '/api/tokenhub'`, no key).
   */
  dangerouslyAllowBrowser?: boolean | undefined;
  /** Model rules used to validate requests. Default: the built-in registry. */
  registry?: ModelRegistry | undefined;
  /** Tuning of the waits between attempts. */
  retryBackoff?: RetryBackoffOptions | undefined;
}

/** Per-call options of {@link TokenHubClient.generateImages}. */
export interface GenerateImagesOptions {
  /**
   * Cancels the call, also during the wait between attempts. The call then rejects with
   * `signal.reason` (a `DOMException` named `AbortError` when `abort()` got no reason) and is
   * never retried.
   */
  signal?: AbortSignal | undefined;
  /** Overrides the client's per-attempt timeout. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries`. */
  maxRetries?: number | undefined;
  /** The `Idempotency-Key` header; default a fresh UUID per call, identical on every attempt. */
  idempotencyKey?: string | undefined;
  /** Called before each wait between attempts (for logging or progress), after the client's `onRetry`. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Extra headers for this call (override the client's). */
  headers?: Record<string, string> | undefined;
}

/** A configured client. Holds the key in a closure, not in a property. */
export interface TokenHubClient {
  /** The resolved base URL (no trailing slash). */
  readonly baseURL: string;
  /**
   * Generates images: validates the request (a {@link TokenHubValidationError} is thrown before any
   * network call), POSTs it to `/v1/images/generations`, retries what is worth retrying, and
   * resolves to the parsed result.
   *
   * @throws {@link TokenHubValidationError} the request breaks a model rule (nothing was sent).
   * @throws {@link TokenHubAPIError} the gateway answered with an error (after retries when retryable),
   * or a 2xx body that is not JSON (retryable: a truncated body is usually transient).
   * @throws {@link TokenHubNoImageError} a 2xx without any image.
   * @throws {@link TokenHubConnectionError} no answer after all attempts.
   * @throws {@link TokenHubTimeoutError} the last attempt exceeded `timeoutMs`.
   * @throws `signal.reason` when the caller aborted.
   * Anything else a custom `fetch` throws (not a `TypeError` or socket error) propagates unchanged
   * and is not retried.
   */
  generateImages(
    request: ImageRequestInput,
    options?: GenerateImagesOptions,
  ): Promise<ImageGenerationResult>;
  /**
   * Validates a request with this client's model rules, without sending anything: the same check
   * `generateImages` runs first. Lets a UI reject bad input before it changes any state.
   */
  validate(request: ImageRequestInput): ValidationResult;
  /**
   * Waits for a generation the kit's proxy keeps (by the `Idempotency-Key` it was sent with) and
   * resolves like {@link TokenHubClient.generateImages}: how a page that reloaded mid-generation
   * gets its result. Polls while it runs. Only through the proxy (`baseURL: '/api/tokenhub'`);
   * TokenHub itself has no such route. Rejects with a `TokenHubAPIError` 404
   * `GenerationNotFound` or 410 `GenerationCancelled` / `GenerationLost` when there is none.
   */
  getGeneration(key: string, options?: GetGenerationOptions): Promise<ImageGenerationResult>;
  /**
   * Cancels a generation at the proxy, which aborts the upstream call. Resolves when it is
   * cancelled, already over or unknown.
   */
  cancelGeneration(key: string, options?: { signal?: AbortSignal | undefined }): Promise<void>;
}

const browserKeyMessage =
  'createTokenHubClient was given an apiKey in a browser page, where every visitor can read it. ' +
  "Call a same-origin proxy instead: createTokenHubClient({ baseURL: '/api/tokenhub' }) without an apiKey, " +
  'and keep the key on your server. If you accept the risk (an internal tool), pass dangerouslyAllowBrowser: true.';

function mergeHeaders(
  target: Record<string, string>,
  extra: Record<string, string> | undefined,
): void {
  if (!extra) return;
  for (const [name, value] of Object.entries(extra)) {
    if (typeof value === 'string') target[name.toLowerCase()] = value;
  }
}

const optionError = (message: string): Error => new TokenHubError(message);

function maxRetriesOf(value: number | undefined, fallback: number): number {
  return numberOption(value, fallback, { name: 'maxRetries', integer: true }, optionError);
}

function timeoutOf(value: number | undefined, fallback: number): number {
  return numberOption(value, fallback, { name: 'timeoutMs', allowInfinity: true }, optionError);
}

/** What every attempt of one `generateImages` call shares: the wire request and the call's limits. */
interface CallState extends AttemptRequest {
  /** The validated body (`body` of the wire request is its JSON). */
  request: ImageRequestBody;
  bodyBytes: number;
  maxRetries: number;
}

/** Whether the call tries again after `error` ended attempt number `attempt`. */
function shouldRetry(error: unknown, attempt: number, call: CallState): boolean {
  return !call.signal?.aborted && isRetryableError(error) && attempt <= call.maxRetries;
}

/**
 * Creates a client for TokenHub's image generation endpoint.
 *
 * @throws {@link TokenHubError} in a browser page when `apiKey` is set without
 * `dangerouslyAllowBrowser: true`, or when an option is out of range.
 *
 * @example
 * ```ts
 * const client = createTokenHubClient({ apiKey: process.env.TOKENHUB_API_KEY });
 * const { images } = await client.generateImages(imageRequest('wan2.7-image-pro').text('A fox').size('2K'));
 * ```
 */
export function createTokenHubClient(options: TokenHubClientOptions = {}): TokenHubClient {
  const apiKey = options.apiKey || undefined;
  if (apiKey && !options.dangerouslyAllowBrowser && isBrowserEnvironment()) {
    throw new TokenHubError(browserKeyMessage);
  }
  const baseURL = (options.baseURL ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const url = generationsURL(baseURL);
  const fetchFunction: FetchFunction | undefined =
    options.fetch ??
    (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
  const clientMaxRetries = maxRetriesOf(options.maxRetries, 2);
  const clientTimeoutMs = timeoutOf(options.timeoutMs, 300_000);
  const backoff = options.retryBackoff ?? {};
  const registry = options.registry;

  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
  };
  if (apiKey) baseHeaders.authorization = `Bearer ${apiKey}`;
  mergeHeaders(baseHeaders, options.headers);

  const observer = createObserver(options, apiKey);

  /** One attempt, reported to the observer as it starts and as it ends (however it ends). */
  async function attemptOnce(
    call: CallState,
    attempt: number,
    maskedHeaders: Record<string, string>,
  ): Promise<ImageGenerationResult> {
    const started: RequestEvent = {
      callId: call.headers['idempotency-key'] as string,
      attempt,
      method: 'POST',
      url,
      headers: maskedHeaders,
      bodyBytes: call.bodyBytes,
      request: call.request,
    };
    observer.request(started);
    const startedAt = Date.now();
    let status: number | undefined;
    const end = (
      outcome: Pick<ResponseEvent, 'requestId' | 'imageCount' | 'error' | 'willRetry'>,
    ) => observer.response({ ...started, ...outcome, status, durationMs: Date.now() - startedAt });
    try {
      const received = await sendAttempt(fetchFunction, call);
      status = received.status;
      const result = interpretResponse(received, apiKey);
      end({
        requestId: result.requestId,
        imageCount: result.images.length,
        error: undefined,
        willRetry: false,
      });
      return result;
    } catch (error) {
      end({
        requestId: TokenHubAPIError.isInstance(error) ? error.requestId : undefined,
        imageCount: undefined,
        error,
        willRetry: shouldRetry(error, attempt, call),
      });
      throw error;
    }
  }

  const validateBody = (body: ImageRequestBody): ValidationResult =>
    validateImageRequest(body, registry ? { registry } : undefined);

  async function generateImages(
    request: ImageRequestInput,
    callOptions: GenerateImagesOptions = {},
  ): Promise<ImageGenerationResult> {
    const body = requestBody(request);
    const validation = validateBody(body);
    if (!validation.ok) throw new TokenHubValidationError(validation.errors, validation.warnings);

    const headers = { ...baseHeaders };
    mergeHeaders(headers, callOptions.headers);
    headers['idempotency-key'] =
      callOptions.idempotencyKey ?? headers['idempotency-key'] ?? createIdempotencyKey();
    const payload = JSON.stringify(body);
    const call: CallState = {
      url,
      request: body,
      body: payload,
      bodyBytes: new TextEncoder().encode(payload).byteLength,
      headers,
      maxRetries: maxRetriesOf(callOptions.maxRetries, clientMaxRetries),
      timeoutMs: timeoutOf(callOptions.timeoutMs, clientTimeoutMs),
      signal: callOptions.signal,
    };
    const { signal } = call;
    const maskedHeaders = maskHeaders(headers, apiKey);

    for (let attempt = 1; ; attempt++) {
      throwIfAborted(signal);
      let failure: TokenHubError;
      try {
        const result = await attemptOnce(call, attempt, maskedHeaders);
        return { ...result, warnings: validation.warnings };
      } catch (error) {
        throwIfAborted(signal);
        if (!shouldRetry(error, attempt, call)) throw error;
        failure = error as TokenHubError;
      }
      const delayMs = retryDelayAfter(failure, attempt - 1, backoff);
      const event: RetryEvent = {
        callId: headers['idempotency-key'],
        attempt,
        delayMs,
        error: failure,
      };
      observer.retry(event);
      callOptions.onRetry?.(event);
      await sleep(delayMs, signal);
    }
  }

  const kept: KeptGenerationContext = {
    url,
    headers: baseHeaders,
    apiKey,
    fetch: fetchFunction,
    timeoutMs: clientTimeoutMs,
    maxRetries: clientMaxRetries,
    backoff,
  };

  return {
    baseURL,
    generateImages,
    validate: (request) => validateBody(requestBody(request)),
    getGeneration: (key, callOptions) => getKeptGeneration(kept, key, callOptions),
    cancelGeneration: (key, callOptions) => cancelKeptGeneration(kept, key, callOptions),
  };
}
