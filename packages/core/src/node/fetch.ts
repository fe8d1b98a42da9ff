/**
 * The Node transport of the client: undici 7's `Agent` (keep-alive connection pool) driven through
 * `dispatcher.request`, which skips the WHATWG stream machinery of `fetch` and so costs the client
 * next to nothing over a raw undici call.
 */
import { Agent } from 'undici';
import type { FetchFunction, FetchRequestInit, FetchResponse } from '../client/fetch-types.js';
import { TokenHubError } from '../errors.js';
import { DEFAULT_BASE_URL } from '../shared/gateway.js';
import { headerRecordReader } from '../shared/header-record.js';

/** Options of {@link createNodeFetch}. */
export interface NodeFetchOptions {
  /**
   * The client's per-attempt limit in ms (default 300 000). undici's headers and body timeouts
   * are set a little above it, so the client's own timer decides and reports a
   * `TokenHubTimeoutError`. 0 or `Infinity` disables both.
   */
  timeoutMs?: number | undefined;
  /** Idle time before a kept-alive socket is closed, in ms (default 10 000; a server hint wins). */
  keepAliveTimeoutMs?: number | undefined;
  /** Most sockets per origin (default unlimited). */
  connections?: number | undefined;
}

/** A {@link FetchFunction} for Node with its undici agent, which you can close when done. */
export interface NodeFetch extends FetchFunction {
  /** The undici agent holding the kept-alive connections. */
  readonly dispatcher: Agent;
  /** Closes every connection of the agent (pending requests finish first). */
  close(): Promise<void>;
}

/** How much later than the client's timer the transport's own timeouts fire. */
const transportTimeoutMarginMs = 5_000;

function transportTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return 300_000 + transportTimeoutMarginMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) return 0;
  return timeoutMs + transportTimeoutMarginMs;
}

/**
 * Creates the Node transport: POSTs through an undici `Agent` with keep-alive, and headers/body
 * timeouts in line with `timeoutMs`. It implements the part of `fetch` the TokenHub client uses
 * (a string body, `status`, `headers.get`, `text()`), not the whole WHATWG API.
 *
 * @example
 * ```ts
 * const fetch = createNodeFetch({ timeoutMs: 120_000 });
 * const client = createTokenHubClient({ apiKey, fetch, timeoutMs: 120_000 });
 * // ... later, to let the process exit at once:
 * await fetch.close();
 * ```
 */
export function createNodeFetch(options: NodeFetchOptions = {}): NodeFetch {
  const defaultTimeout = transportTimeout(options.timeoutMs);
  const agent = new Agent({
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    headersTimeout: defaultTimeout,
    bodyTimeout: defaultTimeout,
    ...(options.connections === undefined ? {} : { connections: options.connections }),
  });
  // The client posts to one URL; parse it once.
  let lastUrl = '';
  let origin = '';
  let path = '';

  const nodeFetch = async (url: string, init: FetchRequestInit): Promise<FetchResponse> => {
    if (url !== lastUrl) {
      // An unparsable URL is a setup mistake, not a network failure: never retried.
      if (!URL.canParse(url)) {
        throw new TokenHubError(
          `the Node preset needs an absolute baseURL such as ${DEFAULT_BASE_URL}; got ${url}`,
        );
      }
      const parsed = new URL(url);
      origin = parsed.origin;
      path = `${parsed.pathname}${parsed.search}`;
      lastUrl = url;
    }
    const timeout =
      init.timeoutMs === undefined ? defaultTimeout : transportTimeout(init.timeoutMs);
    const response = await agent.request({
      origin,
      path,
      method: init.method as 'POST',
      headers: init.headers,
      body: init.body,
      signal: init.signal,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    return {
      status: response.statusCode,
      headers: headerRecordReader(response.headers),
      text: () => response.body.text(),
    };
  };
  return Object.assign(nodeFetch, {
    dispatcher: agent,
    close: () => agent.close(),
  });
}
