/**
 * The proxy's upstream transports behave alike where the caller can tell: its default on Node
 * (node:http with keep-alive, issue 11 section 5), undici's `createNodeFetch()` and the platform
 * `fetch`. An upstream that redirects, sends an answer too large to be a generation, or drops the
 * connection mid-body is a JSON error for the caller, and the key goes nowhere else.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { type AddressInfo, createServer as createTCPServer, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchFunction } from '@tokenhub/image-core';
import { createNodeFetch } from '@tokenhub/image-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, textToImage } from '../helpers.js';
import { type ListeningProxy, listenProxy, postJSON } from './listen.js';

interface Upstream {
  url: string;
  /** Requests per path so far. */
  hits: Map<string, number>;
  authorizations: string[];
  close(): Promise<void>;
}

/** A loopback upstream whose answer depends on the path the proxy was pointed at. */
async function startUpstream(): Promise<Upstream> {
  const hits = new Map<string, number>();
  const authorizations: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = request.url ?? '';
    hits.set(path, (hits.get(path) ?? 0) + 1);
    authorizations.push(request.headers.authorization ?? '');
    request.resume();
    if (path.startsWith('/redirect-')) {
      response.writeHead(Number(path.slice('/redirect-'.length, '/redirect-'.length + 3)), {
        location: `http://${request.headers.host}/elsewhere/v1/images/generations`,
      });
      response.end();
    } else if (path.startsWith('/huge')) {
      // 17 MB of JSON without a Content-Length: more than any generation answer.
      response.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 17) {
          sent++;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end('{}');
      };
      response.write('{"pad":"');
      pump();
    } else if (path.startsWith('/cut')) {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '5000' });
      response.write('{"output":{"choices":[');
      setTimeout(() => response.socket?.destroy(), 20);
    } else {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ output: { choices: [] }, request_id: 'elsewhere' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let upstream: Upstream;
beforeAll(async () => {
  upstream = await startUpstream();
});
afterAll(async () => {
  await upstream.close();
});

/**
 * An upstream that announces `Keep-Alive: timeout=2` and resets a connection that is used again
 * after 1.5 s idle: what a server (or a load balancer) that closes idle connections does when a
 * request crosses its close on the wire. Written on raw TCP so the reset is certain, not a race.
 */
async function startIdleClosingUpstream(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createTCPServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    let idleSince = Date.now();
    let pending = Buffer.alloc(0);
    socket.on('data', (data) => {
      if (Date.now() - idleSince > 1500) return void socket.resetAndDestroy();
      pending = Buffer.concat([pending, data]);
      const headEnd = pending.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const length = Number(
        /content-length: *(\d+)/i.exec(pending.subarray(0, headEnd).toString())?.[1] ?? 0,
      );
      if (pending.length < headEnd + 4 + length) return;
      pending = pending.subarray(headEnd + 4 + length);
      const body = JSON.stringify({ output: { choices: [] }, request_id: 'idle' });
      socket.write(
        `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\nconnection: keep-alive\r\nkeep-alive: timeout=2\r\n\r\n${body}`,
      );
      idleSince = Date.now();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const transports: Array<[string, () => FetchFunction | undefined]> = [
  ['the default transport', () => undefined],
  ['createNodeFetch()', () => createNodeFetch()],
  [
    'the platform fetch',
    () => (url, init) => globalThis.fetch(url, { ...init, redirect: 'manual' }),
  ],
];

describe.each(transports)('through %s', (_name, transport) => {
  async function proxyTo(path: string): Promise<ListeningProxy> {
    const fetch = transport();
    return listenProxy({
      apiKey: API_KEY,
      baseURL: `${upstream.url}${path}`,
      ...(fetch ? { fetch } : {}),
    });
  }

  it.each([301, 302, 303, 307, 308])(
    'an upstream %i is a 502 for the caller, and nothing goes where it points',
    async (status) => {
      const proxy = await proxyTo(`/redirect-${status}`);
      try {
        const answer = await postJSON(proxy.endpoint, textToImage());
        expect(answer.status).toBe(502);
        expect(JSON.parse(answer.text).code).toBe('BadGateway');
        expect(upstream.hits.get('/elsewhere/v1/images/generations')).toBeUndefined();
      } finally {
        await proxy.close();
      }
    },
  );

  it('an answer over 16 MB is a 502, not a generation', async () => {
    const proxy = await proxyTo('/huge');
    try {
      const answer = await postJSON(proxy.endpoint, textToImage());
      expect(answer.status).toBe(502);
      expect(answer.text.length).toBeLessThan(10_000);
    } finally {
      await proxy.close();
    }
  });

  it('a connection dropped mid-body is a 502 the client may retry', async () => {
    const proxy = await proxyTo('/cut');
    try {
      const answer = await postJSON(proxy.endpoint, textToImage());
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.text).code).toBe('BadGateway');
    } finally {
      await proxy.close();
    }
  });

  it('drops an idle connection before the upstream said it would close it', async () => {
    const idleClosing = await startIdleClosingUpstream();
    const fetch = transport();
    const proxy = await listenProxy({
      apiKey: API_KEY,
      baseURL: idleClosing.url,
      ...(fetch ? { fetch } : {}),
    });
    try {
      expect((await postJSON(proxy.endpoint, textToImage())).status).toBe(200);
      // Past the announced 2 s minus the clients' 1 s margin, before the upstream's reset at 1.5 s.
      await sleep(1600);
      expect((await postJSON(proxy.endpoint, textToImage())).status).toBe(200);
    } finally {
      await proxy.close();
      await idleClosing.close();
    }
  });

  it('sends the server key upstream and nowhere else', async () => {
    const proxy = await proxyTo('/ok');
    try {
      const answer = await postJSON(proxy.endpoint, textToImage());
      expect(answer.status).toBe(200);
      expect(upstream.authorizations.at(-1)).toBe(`Bearer ${API_KEY}`);
      expect(answer.text).not.toContain(API_KEY);
    } finally {
      await proxy.close();
    }
  });
});
