/**
 * Pure retry arithmetic: how long to wait before the next attempt, and what the server asked for.
 * No I/O here, so every rule is unit-testable.
 */
import { TokenHubAPIError, TokenHubError } from '../errors.js';

/** Tuning of the wait between attempts. */
export interface RetryBackoffOptions {
  /** Wait before the first retry, before jitter. Default 500 ms. */
  initialDelayMs?: number;
  /** Upper bound of the exponential wait, before jitter. Default 8000 ms. */
  maxDelayMs?: number;
  /**
   * The longest server-requested wait (`retry-after-ms` / `Retry-After`) that is honoured. A longer
   * (or unreadable) request falls back to the exponential backoff. Default 60 000 ms.
   */
  maxRetryAfterMs?: number;
}

/** Defaults of {@link RetryBackoffOptions}. */
export const defaultRetryBackoff: Readonly<Required<RetryBackoffOptions>> = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
});

/**
 * Exponential backoff with jitter, in whole milliseconds.
 *
 * The base doubles per retry (`initialDelayMs * 2^retryIndex`, at most `maxDelayMs`); jitter then
 * takes away up to a quarter of it, so many clients that failed together do not retry together.
 * The result is an integer in `[floor(0.75 * base), base]`.
 *
 * @param retryIndex - 0 for the wait before the first retry, 1 before the second, ...
 * @param options - Delays; `random` returns a number in [0, 1) (injectable for tests).
 */
export function computeBackoffMs(
  retryIndex: number,
  options: RetryBackoffOptions & { random?: () => number } = {},
): number {
  const initial = Math.max(0, options.initialDelayMs ?? defaultRetryBackoff.initialDelayMs);
  const max = Math.max(0, options.maxDelayMs ?? defaultRetryBackoff.maxDelayMs);
  const exponent = Math.max(0, Math.floor(retryIndex));
  // Cap the exponent so 2 ** exponent stays finite for absurd indexes.
  const base = Math.min(initial * 2 ** Math.min(exponent, 52), max);
  const random = options.random ?? Math.random;
  const jitter = 1 - Math.min(Math.max(random(), 0), 1) * 0.25;
  return Math.floor(base * jitter);
}

/** Minimal header access shared by `Headers` and plain test doubles. */
export interface HeaderReader {
  /** The header value, or null when absent. */
  get(name: string): string | null;
}

const decimalNumber = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * The wait the server asked for, in whole milliseconds, or `undefined` when it asked for none or
 * for something unreadable. `retry-after-ms` (a non-standard but useful header) wins over
 * `Retry-After`, which may be seconds or an HTTP date. A date in the past gives `undefined`
 * (clock skew makes it meaningless).
 *
 * @param headers - Response headers.
 * @param now - Current time in ms since the epoch (injectable for tests).
 */
export function parseRetryAfterMs(
  headers: HeaderReader,
  now: number = Date.now(),
): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && decimalNumber.test(ms)) {
    return Math.ceil(Number.parseFloat(ms));
  }
  const value = headers.get('retry-after');
  if (value === null || value.trim() === '') return undefined;
  if (decimalNumber.test(value)) {
    return Math.ceil(Number.parseFloat(value) * 1000);
  }
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  const wait = date - now;
  return wait >= 0 ? Math.ceil(wait) : undefined;
}

/**
 * How long to wait before retry number `retryIndex + 1`: the server's request when it made one
 * within `maxRetryAfterMs`, otherwise {@link computeBackoffMs}. Always a non-negative integer.
 */
export function computeRetryDelayMs(
  retryIndex: number,
  retryAfterMs: number | undefined,
  options: RetryBackoffOptions & { random?: () => number } = {},
): number {
  const cap = options.maxRetryAfterMs ?? defaultRetryBackoff.maxRetryAfterMs;
  if (
    retryAfterMs !== undefined &&
    Number.isFinite(retryAfterMs) &&
    retryAfterMs >= 0 &&
    retryAfterMs <= cap
  ) {
    return Math.ceil(retryAfterMs);
  }
  return computeBackoffMs(retryIndex, options);
}

/** Whether `error` is one of the kit's errors saying that the same call may succeed if repeated. */
export function isRetryableError(error: unknown): error is TokenHubError {
  return TokenHubError.isInstance(error) && error.retryable;
}

/**
 * How long to wait before retry number `retryIndex + 1` after `error`: the wait an API error's
 * server asked for (see {@link computeRetryDelayMs}), otherwise the backoff.
 */
export function retryDelayAfter(
  error: unknown,
  retryIndex: number,
  options: RetryBackoffOptions,
): number {
  const retryAfterMs = TokenHubAPIError.isInstance(error) ? error.retryAfterMs : undefined;
  return computeRetryDelayMs(retryIndex, retryAfterMs, options);
}
