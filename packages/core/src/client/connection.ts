/**
 * Classifies what a `fetch` threw: a dropped or refused connection (worth retrying), a transport
 * timeout, or something else (a bug, rethrown untouched).
 */
import { propertyOf } from '../shared/is-record.js';

const connectionErrorCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT',
]);

const transportTimeoutCodes = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
]);

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

/**
 * True when the transport itself gave up waiting (undici's headers, body or connect timeout), which
 * the client reports as a timeout rather than a connection failure.
 */
export function isTransportTimeout(error: unknown): boolean {
  return chain(error).some((item) => transportTimeoutCodes.has(codeOf(item) ?? ''));
}

/**
 * True for a failure to reach or hear from the server: `fetch`'s `TypeError` ("fetch failed",
 * "Failed to fetch", "terminated" when the socket dies mid-body) or a socket error code anywhere
 * in the cause chain.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof TypeError) return true;
  return chain(error).some((item) => connectionErrorCodes.has(codeOf(item) ?? ''));
}

/** A short description of a connection failure: the innermost cause's message and code. */
export function describeConnectionFailure(error: unknown): string {
  const items = chain(error);
  const innermost = items[items.length - 1];
  const message = innermost instanceof Error ? innermost.message : String(innermost);
  const code = codeOf(innermost);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
