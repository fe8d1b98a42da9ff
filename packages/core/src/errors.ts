/**
 * Typed errors. Every error carries a `Symbol.for` marker so `isInstance` works even when two copies
 * of this package are installed (a common monorepo accident where `instanceof` fails silently).
 * No error ever holds the API key: messages are built from status, code and the gateway's message,
 * and request headers are never attached.
 *
 * Fields are `declare`d where the constructor assigns them: a class field would define each one a
 * second time (as `undefined`, before the assignment), in every bundle that ships these classes.
 */
import { propertyOf } from './shared/is-record.js';
import { isRetryableStatus } from './shared/retryable-status.js';
import type { ValidationIssue } from './validation/issue.js';

const marker = Symbol.for('tokenhub.image.error');
const markers = {
  api: Symbol.for('tokenhub.image.error.api'),
  connection: Symbol.for('tokenhub.image.error.connection'),
  timeout: Symbol.for('tokenhub.image.error.timeout'),
  validation: Symbol.for('tokenhub.image.error.validation'),
  noImage: Symbol.for('tokenhub.image.error.no-image'),
} as const;

/** Whether `value` carries the `Symbol.for` marker `symbol` (internal; not re-exported). */
export function hasMarker(value: unknown, symbol: symbol): boolean {
  return propertyOf(value, symbol) === true;
}

/** Marks an error instance with a non-enumerable `Symbol.for` marker (internal). */
export function mark(target: object, symbol: symbol): void {
  // Non-enumerable so markers do not show up in logs or JSON.
  Object.defineProperty(target, symbol, { value: true, enumerable: false });
}

/** Base class of every error this kit throws. */
export class TokenHubError extends Error {
  override readonly name: string = 'TokenHubError';
  /** Whether repeating the same call may succeed (rate limit, 5xx, connection failure, timeout). */
  declare readonly retryable: boolean;

  constructor(message: string, options: { cause?: unknown; retryable?: boolean } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options.retryable ?? false;
    mark(this, marker);
  }

  /** True for any TokenHub error, also one created by another installed copy of this package. */
  static isInstance(error: unknown): error is TokenHubError {
    return hasMarker(error, marker);
  }
}

/** Fields of an error response, parsed from any of the shapes the gateway uses. */
export interface TokenHubAPIErrorInit {
  /** HTTP status. */
  status: number;
  /** Upstream error code such as `InvalidParameter` or `Throttling.RateQuota`, when known. */
  code?: string | undefined;
  /** Human-readable message from the gateway, or a summary of a non-JSON body. */
  message: string;
  /** The gateway's request id, for support tickets. */
  requestId?: string | undefined;
  /** The response body: parsed JSON, or the text when it was not JSON. */
  body?: unknown;
  /** Milliseconds the server asked to wait (`retry-after-ms` / `Retry-After`), when present. */
  retryAfterMs?: number | undefined;
}

/** The gateway answered with an error status (or a 2xx the kit could not use). */
export class TokenHubAPIError extends TokenHubError {
  override readonly name: string = 'TokenHubAPIError';
  /** HTTP status. */
  declare readonly status: number;
  /** Upstream error code, e.g. `InvalidApiKey`. */
  declare readonly code: string | undefined;
  /** The gateway's request id. */
  declare readonly requestId: string | undefined;
  /** The response body as received (JSON value or text). */
  declare readonly body: unknown;
  /** Milliseconds the server asked to wait before retrying, when it said. */
  declare readonly retryAfterMs: number | undefined;

  constructor(init: TokenHubAPIErrorInit, options: { retryable?: boolean } = {}) {
    const code = init.code ? ` ${init.code}` : '';
    const id = init.requestId ? ` (request id ${init.requestId})` : '';
    super(`TokenHub API error ${init.status}${code}: ${init.message}${id}`, {
      retryable: options.retryable ?? isRetryableStatus(init.status),
    });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.body = init.body;
    this.retryAfterMs = init.retryAfterMs;
    mark(this, markers.api);
  }

  /** True for an API error from any installed copy of this package. */
  static override isInstance(error: unknown): error is TokenHubAPIError {
    return hasMarker(error, markers.api);
  }
}

/** A 200 response that holds no image: nothing to show, but the request id helps support. */
export class TokenHubNoImageError extends TokenHubAPIError {
  override readonly name: string = 'TokenHubNoImageError';

  constructor(init: Omit<TokenHubAPIErrorInit, 'message'> & { message?: string }) {
    super(
      {
        ...init,
        message: init.message ?? 'the response contained no image',
        code: init.code ?? 'NoImage',
      },
      { retryable: false },
    );
    mark(this, markers.noImage);
  }

  /** True for a no-image error from any installed copy of this package. */
  static override isInstance(error: unknown): error is TokenHubNoImageError {
    return hasMarker(error, markers.noImage);
  }
}

/** The request never got an HTTP answer: DNS, refused or reset connection, TLS failure. */
export class TokenHubConnectionError extends TokenHubError {
  override readonly name: string = 'TokenHubConnectionError';

  constructor(message = 'could not reach the TokenHub gateway', options: { cause?: unknown } = {}) {
    super(message, { cause: options.cause, retryable: true });
    mark(this, markers.connection);
  }

  /** True for a connection error from any installed copy of this package. */
  static override isInstance(error: unknown): error is TokenHubConnectionError {
    return hasMarker(error, markers.connection);
  }
}

/** The call took longer than `timeoutMs` (per attempt) and was abandoned. */
export class TokenHubTimeoutError extends TokenHubError {
  override readonly name: string = 'TokenHubTimeoutError';
  /** The limit that was exceeded. */
  declare readonly timeoutMs: number;

  constructor(timeoutMs: number, options: { cause?: unknown } = {}) {
    super(`the request timed out after ${timeoutMs} ms`, { cause: options.cause, retryable: true });
    this.timeoutMs = timeoutMs;
    mark(this, markers.timeout);
  }

  /** True for a timeout error from any installed copy of this package. */
  static override isInstance(error: unknown): error is TokenHubTimeoutError {
    return hasMarker(error, markers.timeout);
  }
}

/** The request breaks a rule of the model; thrown before any network call. */
export class TokenHubValidationError extends TokenHubError {
  override readonly name: string = 'TokenHubValidationError';
  /** Every error found, each naming its path and rule. */
  declare readonly issues: ValidationIssue[];
  /** Warnings found alongside (not the reason for the throw). */
  declare readonly warnings: ValidationIssue[];

  constructor(issues: ValidationIssue[], warnings: ValidationIssue[] = []) {
    const lines = issues.map((issue) => `- ${issue.path}: ${issue.message}`).join('\n');
    const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
    super(`invalid image request (${count}):\n${lines}`, { retryable: false });
    this.issues = issues;
    this.warnings = warnings;
    mark(this, markers.validation);
  }

  /** True for a validation error from any installed copy of this package. */
  static override isInstance(error: unknown): error is TokenHubValidationError {
    return hasMarker(error, markers.validation);
  }
}
