/**
 * Issue 10, sections 1-3 and 7 (first bullet): the key never comes back however it is encoded, the
 * client never follows a redirect, the proxy serves one route, and a non-object request is a
 * validation error. Everything over real HTTP on loopback.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTokenHubClient,
  type ImageRequestBody,
  TokenHubAPIError,
  TokenHubValidationError,
} from '@tokenhub/image-core';
import { createTokenHubClient as createNodeClient } from '@tokenhub/image-core/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, rejectionOf, textToImage, useMockGateway } from './helpers.js';
import { type ListeningProxy, listenProxy, postJSON } from './server/listen.js';

const gateway = useMockGateway();

const escaped = [...API_KEY]
  .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  .join('');
const keyForms = [API_KEY, escaped, Buffer.from(API_KEY).toString('base64').replace(/=+$/, '')];

function listen(
  handler: (request: IncomingMessage, response: import('node:http').ServerResponse) => void,
) {
  const server: Server = createServer(handler);
  return new Promise<{ url: string; hits: () => number; close: () => Promise<void> }>((resolve) => {
    let hits = 0;
    server.on('request', () => hits++);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        hits: () => hits,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** Raw HTTP, so the request line can hold any method and target. */
function rawRequest(
  origin: string,
  method: string,
  path: string,
  body?: string,
): Promise<{ status: number; headers: IncomingMessage['headers']; text: string }> {
  const { port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { 'content-type': 'application/json' } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => {
          text += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describe('the key never comes back through the proxy, however it is encoded', () => {
  let careless: Awaited<ReturnType<typeof listen>>;
  let proxy: ListeningProxy;
  beforeAll(async () => {
    // Echoes the Authorization value in every allow-listed header and JSON-escaped in the body.
    careless = await listen((request, response) => {
      const auth = request.headers.authorization ?? '';
      const key = auth.replace(/^Bearer /, '');
      const base64 = Buffer.from(key).toString('base64');
      response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': auth,
        'retry-after-ms': base64,
        'x-ratelimit-limit-requests': key,
        'x-ratelimit-remaining-requests': `left ${key}`,
        'x-ratelimit-reset-requests': base64,
        'x-request-id': `id-${key}`,
      });
      const json = [...key]
        .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .join('');
      response.end(
        `{"code":"Throttling.RateQuota","message":"slow down, ${json}","request_id":"r-${json}","detail":{"${json}":"${key.replace('-', '\\/-')}"}}`,
      );
    });
    proxy = await listenProxy({ apiKey: API_KEY, baseURL: careless.url });
  });
  afterAll(async () => {
    await proxy.close();
    await careless.close();
  });

  it('scrubs every header and every decoded string of the body', async () => {
    const seen = await postJSON(proxy.endpoint, textToImage());
    expect(seen.status).toBe(429);
    const decoded = JSON.stringify(JSON.parse(seen.text));
    for (const form of keyForms) {
      expect(JSON.stringify(seen.headers)).not.toContain(form);
      expect(seen.text).not.toContain(form);
      expect(decoded).not.toContain(form);
    }
    expect(JSON.parse(seen.text)).toMatchObject({ message: 'slow down, [redacted]' });
    expect(seen.headers['x-ratelimit-remaining-requests']).toBe('left [redacted]');
  });

  it('gives the client an API error whose message and body hold no form of the key', async () => {
    const client = createTokenHubClient({ baseURL: `${proxy.origin}/api/tokenhub`, maxRetries: 0 });
    const error = (await rejectionOf(client.generateImages(textToImage()))) as TokenHubAPIError;
    expect(error.status).toBe(429);
    for (const form of keyForms) {
      expect(error.message).not.toContain(form);
      expect(JSON.stringify(error.body)).not.toContain(form);
    }
  });
});

describe('the client never follows a redirect', () => {
  let elsewhere: Awaited<ReturnType<typeof listen>>;
  let redirecting: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    // Another origin that would happily answer with an image, and record who came.
    elsewhere = await listen((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          output: { choices: [{ message: { content: [{ image: 'https://x/a.png' }] } }] },
        }),
      );
    });
    redirecting = await listen((request, response) => {
      const status = Number(request.headers['x-status'] ?? 302);
      response.writeHead(status, { location: `${elsewhere.url}/v1/images/generations` });
      response.end();
    });
  });
  afterAll(async () => {
    await redirecting.close();
    await elsewhere.close();
  });

  for (const transport of ['platform fetch', 'node preset'] as const) {
    it.each([301, 302, 303, 307, 308])(
      `%i is a TokenHubAPIError with its status (${transport})`,
      async (status) => {
        const options = { apiKey: API_KEY, baseURL: redirecting.url, maxRetries: 2 };
        const client =
          transport === 'platform fetch'
            ? createTokenHubClient({ ...options, fetch: globalThis.fetch })
            : createNodeClient(options);
        const before = redirecting.hits();
        const error = await rejectionOf(
          client.generateImages(textToImage(), { headers: { 'x-status': String(status) } }),
        );
        expect(TokenHubAPIError.isInstance(error)).toBe(true);
        expect(error).toMatchObject({ status, code: 'Redirect', retryable: false });
        expect((error as Error).message).toContain('never follows');
        expect(redirecting.hits() - before).toBe(1);
        expect(elsewhere.hits()).toBe(0);
      },
    );
  }
});

describe('the proxy serves one route and nothing else', () => {
  let proxy: ListeningProxy;
  beforeAll(async () => {
    proxy = await listenProxy({ apiKey: API_KEY, baseURL: gateway().url });
  });
  afterAll(() => proxy.close());
  const path = '/api/tokenhub/v1/images/generations';

  it.each(['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'PROPFIND'])(
    '%s gets 405 with Allow: POST, never 500',
    async (method) => {
      const seen = await rawRequest(proxy.origin, method, path);
      expect(seen.status).toBe(405);
      expect(seen.headers.allow).toBe('POST');
    },
  );

  it.each([`http://evil.example${path}`, `//evil.example${path}`, `http://127.0.0.1${path}`])(
    'a request target %s that is not an origin-form path is 404',
    async (target) => {
      const seen = await rawRequest(proxy.origin, 'POST', target, JSON.stringify(textToImage()));
      expect(seen.status).toBe(404);
      expect(gateway().requests).toHaveLength(0);
    },
  );

  it('still serves the origin-form route', async () => {
    const seen = await rawRequest(proxy.origin, 'POST', path, JSON.stringify(textToImage()));
    expect(seen.status).toBe(200);
  });
});

describe('a request that is not an object', () => {
  it.each([null, 42, undefined, 'text'])(
    'generateImages(%s) is a TokenHubValidationError at path body, nothing sent',
    async (value) => {
      const client = createTokenHubClient({ apiKey: API_KEY, baseURL: gateway().url });
      const error = await rejectionOf(client.generateImages(value as unknown as ImageRequestBody));
      expect(TokenHubValidationError.isInstance(error)).toBe(true);
      expect((error as TokenHubValidationError).issues[0]?.path).toBe('body');
      expect(gateway().requests).toHaveLength(0);
    },
  );
});
