/**
 * Classifies what a `fetch` threw: a dropped or refused connection (worth retrying), a transport
 * timeout, or something else (a bug, rethrown untouched).
 */
import { propertyOf } from '../shared/is-record.js';

// Node's operating-system codes (ECONNRESET, EAI_AGAIN, ...) and undici's (UND_ERR_SOCKET, ...) name a
// network failure; Node's own ERR_* codes name a bug. Only undici's codes end in _TIMEOUT.
const networkCode = /^(?!ERR_)E[A-Z]|^UND_ERR_/;
const timeoutCode = /^UND_ERR_\w*_TIMEOUT$/;

function codeOf(error: unknown): string | undefined {
  const code = propertyOf(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

/** The error and its causes, at most a few levels deep (cause chains can be cyclic). */
function chain(error: unknown): unknown[] {
  const errors: unknown[] = [];
  let current = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    errors.push(current);
    current = propertyOf(current, 'cause');
  }
  return errors;
}

/** Whether the error or one of its causes has a `code` that `pattern` matches. */
function hasCode(error: unknown, pattern: RegExp): boolean {
  return chain(error).some((item) => pattern.test(codeOf(item) ?? ''));
}

/**
 * True when the transport itself gave up waiting (undici's headers, body or connect timeout), which
 * the client reports as a timeout rather than a connection failure.
 */
export function isTransportTimeout(error: unknown): boolean {
  return hasCode(error, timeoutCode);
}

/**
 * True for a failure to reach or hear from the server: `fetch`'s `TypeError` ("fetch failed",
 * "Failed to fetch", "terminated" when the socket dies mid-body) or, anywhere in the cause chain,
 * an operating-system error code (`ECONNRESET`, `EAI_AGAIN`, ...) or one of undici's.
 */
export function isConnectionFailure(error: unknown): boolean {
  return error instanceof TypeError || hasCode(error, networkCode);
}

/** A short description of a connection failure: the innermost cause's message and code. */
export function describeConnectionFailure(error: unknown): string {
  const items = chain(error);
  const innermost = items[items.length - 1];
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  const code = codeOf(innermost);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
