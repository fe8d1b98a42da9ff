/**
 * The TokenHub client: validates a request before spending money, sends it with retries, and
 * parses the answer. Browser-safe: it only needs a `fetch` (Node users get a tuned one from
 * `@tokenhub/image-core/node`).
 */
import { isImageRequestBuilder } from '../builder.js';
import {
  TokenHubAPIError,
  TokenHubConnectionError,
  TokenHubError,
  TokenHubTimeoutError,
  TokenHubValidationError,
} from '../errors.js';
import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import type { ValidationResult } from '../validation/issue.js';
import type { ModelRegistry } from '../validation/registry.js';
import { validateImageRequest } from '../validation/validate.js';
import {
  createAPIErrorFromResponse,
  redactHeader,
  redactSecret,
  summarizeText,
} from './api-error.js';
import {
  describeConnectionFailure,
  isConnectionFailure,
  isTransportTimeout,
} from './connection.js';
import { isBrowserEnvironment } from './environment.js';
import type { FetchFunction, FetchResponse } from './fetch-types.js';
import { createIdempotencyKey } from './idempotency-key.js';
import { parseImageResponse } from './response.js';
import { abortReason, computeRetryDelayMs, type RetryBackoffOptions, sleep } from './retry.js';

/** Anything with a `toBody()` that returns the wire body, such as `imageRequest(model)`. */
export interface ImageRequestSource {
  /** The wire body, without validation (the client validates it once). */
  toBody(): ImageRequestBody;
}

/** Options of {@link createTokenHubClient}. */
export interface TokenHubClientOptions {
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

/** What {@link GenerateImagesOptions.onRetry} receives before each wait. */
export interface RetryEvent {
  /** The attempt that just failed: 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** How long the client will wait before the next attempt, in whole ms. */
  delayMs: number;
  /** Why the attempt failed (an API, connection or timeout error). */
  error: TokenHubError;
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
  /** Called before each wait between attempts (for logging or progress). */
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
    request: ImageRequestBody | ImageRequestSource,
    options?: GenerateImagesOptions,
  ): Promise<ImageGenerationResult>;
  /**
   * Validates a request with this client's model rules, without sending anything: the same check
   * `generateImages` runs first. Lets a UI reject bad input before it changes any state.
   */
  validate(request: ImageRequestBody | ImageRequestSource): ValidationResult;
}

function isRequestSource(
  value: ImageRequestBody | ImageRequestSource,
): value is ImageRequestSource {
  return (
    isImageRequestBuilder(value) ||
    typeof (value as Partial<ImageRequestSource>).toBody === 'function'
  );
}

/** The default gateway origin. */
export const DEFAULT_BASE_URL = 'https://tokenhub.link';
const generationsPath = '/v1/images/generations';

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

function nonNegativeInteger(value: number | undefined, fallback: number, name: string): number {
  const resolved = value ?? fallback;
  if (!Number.isInteger(resolved) || resolved < 0) {
    throw new TokenHubError(`${name} must be a non-negative integer; got ${String(value)}`);
  }
  return resolved;
}

function timeoutOf(value: number | undefined, fallback: number): number {
  const resolved = value ?? fallback;
  if (typeof resolved !== 'number' || Number.isNaN(resolved) || resolved < 0) {
    throw new TokenHubError(`timeoutMs must be a non-negative number of ms; got ${String(value)}`);
  }
  return resolved;
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
  // String concatenation, not `new URL`: a relative proxy path has no origin to resolve against.
  const url = `${baseURL}${generationsPath}`;
  const fetchFunction: FetchFunction | undefined =
    options.fetch ??
    (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
  const clientMaxRetries = nonNegativeInteger(options.maxRetries, 2, 'maxRetries');
  const clientTimeoutMs = timeoutOf(options.timeoutMs, 300_000);
  const backoff = options.retryBackoff ?? {};
  const registry = options.registry;

  const baseHeaders: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
  };
  if (apiKey) baseHeaders.authorization = `Bearer ${apiKey}`;
  mergeHeaders(baseHeaders, options.headers);

  async function attemptOnce(
    headers: Record<string, string>,
    body: string,
    timeoutMs: number,
    signal: AbortSignal | undefined,
  ): Promise<ImageGenerationResult> {
    if (!fetchFunction) {
      throw new TokenHubError(
        'no fetch available: pass options.fetch (or use @tokenhub/image-core/node)',
      );
    }
    const controller = new AbortController();
    let timedOut = false;
    const timer =
      timeoutMs > 0 && timeoutMs < 2_147_483_647
        ? setTimeout(() => {
            timedOut = true;
            controller.abort(new TokenHubTimeoutError(timeoutMs));
          }, timeoutMs)
        : undefined;
    const onAbort = (): void => controller.abort(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });

    // Maps whatever the transport threw to the error the caller should see.
    const translate = (error: unknown): unknown => {
      if (signal?.aborted) return abortReason(signal);
      if (timedOut && TokenHubTimeoutError.isInstance(error)) return error;
      if (timedOut || isTransportTimeout(error))
        return new TokenHubTimeoutError(timeoutMs, { cause: error });
      if (isConnectionFailure(error)) {
        return new TokenHubConnectionError(
          `could not reach the TokenHub gateway: ${describeConnectionFailure(error)}`,
          { cause: error },
        );
      }
      return error;
    };

    // Settles when the attempt is aborted (caller or timer), even if a custom fetch ignores its signal.
    const aborted = new Promise<never>((_, reject) => {
      controller.signal.addEventListener('abort', () => reject(controller.signal.reason), {
        once: true,
      });
    });
    const exchange = async (): Promise<{ response: FetchResponse; text: string }> => {
      const response = await fetchFunction(url, {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
        timeoutMs,
      });
      return { response, text: await response.text() };
    };

    try {
      let response: FetchResponse;
      let text: string;
      try {
        ({ response, text } = await Promise.race([exchange(), aborted]));
      } catch (error) {
        throw translate(error);
      }
      // A gateway that echoes the key must not put it into an error or `raw`; the check is cheap.
      if (apiKey && text.includes(apiKey)) text = redactSecret(text, apiKey);
      const status = response.status;
      // Even a header could echo the key back; nothing from the response is kept unscrubbed.
      const headerRequestId = redactHeader(response.headers.get('x-request-id'), apiKey);
      if (status < 200 || status > 299) {
        throw createAPIErrorFromResponse({
          status,
          headers: response.headers,
          text,
          secret: apiKey,
        });
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new TokenHubAPIError(
          {
            status,
            code: 'MalformedResponse',
            message: `the response body is not valid JSON: ${summarizeText(text) || '(empty body)'}`,
            requestId: headerRequestId,
            body: text,
          },
          // A truncated or garbled body is usually transient; the idempotency key makes the retry safe.
          { retryable: true },
        );
      }
      return parseImageResponse(json, {
        status,
        requestId: headerRequestId,
      });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  const bodyOf = (request: ImageRequestBody | ImageRequestSource): ImageRequestBody =>
    isRequestSource(request) ? request.toBody() : request;
  const validateBody = (body: ImageRequestBody): ValidationResult =>
    validateImageRequest(body, registry ? { registry } : undefined);

  async function generateImages(
    request: ImageRequestBody | ImageRequestSource,
    callOptions: GenerateImagesOptions = {},
  ): Promise<ImageGenerationResult> {
    const body = bodyOf(request);
    const validation = validateBody(body);
    if (!validation.ok) throw new TokenHubValidationError(validation.errors, validation.warnings);

    const maxRetries = nonNegativeInteger(callOptions.maxRetries, clientMaxRetries, 'maxRetries');
    const timeoutMs = timeoutOf(callOptions.timeoutMs, clientTimeoutMs);
    const { signal, onRetry } = callOptions;
    const headers = { ...baseHeaders };
    mergeHeaders(headers, callOptions.headers);
    headers['idempotency-key'] =
      callOptions.idempotencyKey ?? headers['idempotency-key'] ?? createIdempotencyKey();
    const payload = JSON.stringify(body);

    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      let failure: TokenHubError;
      try {
        const result = await attemptOnce(headers, payload, timeoutMs, signal);
        return { ...result, warnings: validation.warnings };
      } catch (error) {
        if (signal?.aborted) throw abortReason(signal);
        if (!TokenHubError.isInstance(error) || !error.retryable || attempt > maxRetries)
          throw error;
        failure = error;
      }
      const retryAfterMs = TokenHubAPIError.isInstance(failure) ? failure.retryAfterMs : undefined;
      const delayMs = computeRetryDelayMs(attempt - 1, retryAfterMs, backoff);
      onRetry?.({ attempt, delayMs, error: failure });
      await sleep(delayMs, signal);
    }
  }

  return { baseURL, generateImages, validate: (request) => validateBody(bodyOf(request)) };
}
