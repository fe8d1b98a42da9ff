/**
 * A request as the proxy's steps read it, whichever server delivered it: a Web `Request`
 * (`createProxyHandler`) or node:http's `IncomingMessage` (`toNodeHandler`). The Node adapter reads
 * the socket directly and builds a Web `Request` only for what needs one (`authorize`, image
 * files): on a small JSON call, the Web objects and their streams were most of the proxy's own CPU.
 */
import type { ProxyReply } from './answer.js';
import { type CappedBody, readBodyCapped } from './read-body.js';

/** Reads one request header (case-insensitive), `null` when absent. */
export interface HeaderReader {
  get(name: string): string | null;
}

/** One call to the proxy. */
export interface IncomingCall {
  /** The method, as sent. */
  readonly method: string;
  /** The URL path (dot segments resolved, percent-encoding kept), without the query. */
  readonly pathname: string;
  /** The request headers. */
  readonly headers: HeaderReader;
  /**
   * Aborts when the caller goes away before its answer was sent. Read it only when it is needed:
   * on node:http it is made on first read (an `AbortController` costs Node 20 more than hashing
   * the body).
   */
  readonly signal: AbortSignal | undefined;
  /** The body, or `too-large` past `maxBytes` (then it is not read further). Read once. */
  readBody(maxBytes: number): Promise<CappedBody>;
  /** The call as a Web `Request` (for `authorize` and image files); built once, on demand. */
  toRequest(): Request;
}

/** Serves one call: the proxy's steps behind both adapters. */
export type ServeCall = (call: IncomingCall) => Promise<ProxyReply>;

// A path of letters, digits, `_`, `-` and single slashes, with no query: a `URL` would give it back
// unchanged (no dot segments, no percent-encoding, no backslashes to resolve).
const plainPath = /^(?:\/[\w-]+)+\/?$/;

/** The pathname of a request target, resolved as a Web `URL` does it. */
export function pathnameOf(target: string): string {
  return plainPath.test(target) ? target : new URL(target, 'http://localhost').pathname;
}

/** A Web `Request` as an {@link IncomingCall}. */
export function fromWebRequest(request: Request): IncomingCall {
  return {
    method: request.method,
    pathname: pathnameOf(request.url),
    headers: request.headers,
    signal: request.signal,
    readBody: (maxBytes) => readBodyCapped(request, maxBytes),
    toRequest: () => request,
  };
}

// The handlers `createProxyHandler` made, with the function behind them, so `toNodeHandler` can
// skip the Web objects. A handler a user wrapped is not in here and goes through `Request`.
const callServers = new WeakMap<object, ServeCall>();

/** Records that `handler` serves its calls with `serve`. */
export function registerCallServer<Handler extends object>(
  handler: Handler,
  serve: ServeCall,
): Handler {
  callServers.set(handler, serve);
  return handler;
}

/** The function behind a handler `createProxyHandler` made, if it is one. */
export function callServerOf(handler: object): ServeCall | undefined {
  return callServers.get(handler);
}
