/**
 * Seeing what the client does: hooks around every attempt and a levelled logger, off by default.
 * Nothing here can leak the key: headers are masked before any hook or log line sees them, and
 * every log line is scrubbed once more on its way out.
 */
import { TokenHubError } from '../errors.js';
import { REDACTED, redactSecret } from '../shared/redact.js';
import type { ImageRequestBody } from '../types.js';

/** What {@link TokenHubClientObservers.onRequest} receives as an attempt starts. */
export interface RequestEvent {
  /** One id per `generateImages` call, shared by its attempts (the `Idempotency-Key`). */
  callId: string;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** Always `POST`. */
  method: 'POST';
  /** The endpoint. */
  url: string;
  /** The request headers, lowercase names; `authorization` and anything holding the key masked. */
  headers: Readonly<Record<string, string>>;
  /** Size of the JSON body in UTF-8 bytes. */
  bodyBytes: number;
  /** The validated request body (it never holds the key). */
  request: Readonly<ImageRequestBody>;
}

/** What {@link TokenHubClientObservers.onResponse} receives as an attempt ends, however it ended. */
export interface ResponseEvent extends RequestEvent {
  /** The HTTP status, or `undefined` when no answer came (connection failure, timeout, abort). */
  status: number | undefined;
  /** The gateway's request id, when it gave one. */
  requestId: string | undefined;
  /** From sending to having the whole answer (or the failure), in ms. */
  durationMs: number;
  /** Images in the result; `undefined` when the attempt failed. */
  imageCount: number | undefined;
  /** Why the attempt failed (a `TokenHubError`, or the abort reason); `undefined` on success. */
  error: unknown;
  /** True when the client will wait and try again after this failure. */
  willRetry: boolean;
}

/** What `onRetry` receives before each wait between attempts. */
export interface RetryEvent {
  /** The call's id (its `Idempotency-Key`), as in {@link RequestEvent.callId}. */
  callId: string;
  /** The attempt that just failed: 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** How long the client will wait before the next attempt, in whole ms. */
  delayMs: number;
  /** Why the attempt failed (an API, connection or timeout error). */
  error: TokenHubError;
}

/** Levels of {@link TokenHubLogger}, quietest first; `off` (the default) logs nothing. */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/** Where log lines go: `console` fits, as do pino, winston and most loggers. */
export interface TokenHubLogger {
  /** A call failed for good. */
  error(message: string): void;
  /** An attempt failed and will be retried. */
  warn(message: string): void;
  /** An attempt got its answer. */
  info(message: string): void;
  /** An attempt starts (method, URL, masked headers, body size). */
  debug(message: string): void;
}

/** Client options for observing requests; see {@link createTokenHubClient}. */
export interface TokenHubClientObservers {
  /** Called as each attempt starts. */
  onRequest?: ((event: RequestEvent) => void) | undefined;
  /** Called as each attempt ends: answer, API error, connection failure, timeout or abort. */
  onResponse?: ((event: ResponseEvent) => void) | undefined;
  /** Called before each wait between attempts. */
  onRetry?: ((event: RetryEvent) => void) | undefined;
  /** Where log lines go. Default `console` (only used when `logLevel` is not `off`). */
  logger?: TokenHubLogger | undefined;
  /** The most detailed level written. Default `off`. */
  logLevel?: LogLevel | undefined;
}

/** The client's side of observing: one call per moment of an attempt. */
export interface Observer {
  request(event: RequestEvent): void;
  response(event: ResponseEvent): void;
  retry(event: RetryEvent): void;
}

const levels: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];
const secretHeaders = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key']);

/** The headers with credentials replaced and `secret` scrubbed from every other value. */
export function maskHeaders(
  headers: Record<string, string>,
  secret: string | undefined,
): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    masked[name] = secretHeaders.has(name) ? REDACTED : redactSecret(value, secret);
  }
  return masked;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Builds the observer of a client. A hook that throws never changes the call: its error is caught
 * and written to the logger at `error` level (when logging is on).
 */
export function createObserver(
  options: TokenHubClientObservers,
  secret: string | undefined,
): Observer {
  const logger = options.logger ?? console;
  const rank = levels.indexOf(options.logLevel ?? 'off');
  if (rank < 0) {
    throw new TokenHubError(
      `logLevel must be one of ${levels.join(', ')}; got ${String(options.logLevel)}`,
    );
  }
  const log = (level: Exclude<LogLevel, 'off'>, message: string): void => {
    if (levels.indexOf(level) <= rank) logger[level](redactSecret(`[tokenhub] ${message}`, secret));
  };
  const call = <T>(name: string, hook: ((event: T) => void) | undefined, event: T): void => {
    try {
      hook?.(event);
    } catch (error) {
      log('error', `${name} threw (ignored): ${describeError(error)}`);
    }
  };
  return {
    request(event) {
      log(
        'debug',
        `POST ${event.url} attempt ${event.attempt} (${event.bodyBytes} bytes) headers ${JSON.stringify(event.headers)}`,
      );
      call('onRequest', options.onRequest, event);
    },
    response(event) {
      const id = event.requestId ? ` request id ${event.requestId}` : '';
      const took = `attempt ${event.attempt} in ${event.durationMs} ms${id}`;
      if (event.error === undefined)
        log('info', `${event.status} ${took}: ${event.imageCount} image(s)`);
      else
        log(
          event.willRetry ? 'warn' : 'error',
          `${event.status ?? 'no answer'} ${took}: ${describeError(event.error)}`,
        );
      call('onResponse', options.onResponse, event);
    },
    retry(event) {
      log('warn', `retrying in ${event.delayMs} ms (attempt ${event.attempt} failed)`);
      call('onRetry', options.onRetry, event);
    },
  };
}
