/** Serving a proxy handler over real node:http on loopback, the way an app would deploy it. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createProxyHandler,
  type ProxyHandler,
  type ProxyHandlerOptions,
  toNodeHandler,
} from '@tokenhub/image-core/server';

/** A listening proxy. */
export interface ListeningProxy {
  /** `http://127.0.0.1:<port>`. */
  origin: string;
  /** The generation endpoint under the default prefix. */
  endpoint: string;
  close(): Promise<void>;
}

/** Serves `handler` (or a new proxy with `options`) on a free loopback port. */
export async function listenProxy(
  source: ProxyHandler | ProxyHandlerOptions,
): Promise<ListeningProxy> {
  const handler = typeof source === 'function' ? source : createProxyHandler(source);
  const server: Server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    endpoint: `${origin}/api/tokenhub/v1/images/generations`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Everything a caller could see of a response: status, every header, the body. */
export interface SeenResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Sends a request and records what came back. */
export async function call(url: string, init: RequestInit = {}): Promise<SeenResponse> {
  const response = await fetch(url, init);
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    text: await response.text(),
  };
}

/** POSTs `body` as JSON. */
export function postJSON(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<SeenResponse> {
  return call(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}
