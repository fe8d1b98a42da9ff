import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createTokenHubClient,
  type ImageRequestBody,
  TokenHubAPIError,
} from '@tokenhub/image-core';
import {
  createProxyHandler,
  type ProxyCompletion,
  toNodeHandler,
} from '@tokenhub/image-core/server';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, readVector, rejectionOf, textToImage } from '../helpers.js';
import { call, type ListeningProxy, listenProxy, postJSON, type SeenResponse } from './listen.js';

const scenarios = [
  'text-to-image',
  'text-to-image.wan2.6-t2i',
  'image-editing',
  'interactive-editing',
  'group-generation',
] as const;

let mock: MockGateway;
let proxy: ListeningProxy;
/** Every response any caller saw in this file: none may contain the key. */
const seen: SeenResponse[] = [];
const extra: Array<() => Promise<void>> = [];

async function record(response: Promise<SeenResponse>): Promise<SeenResponse> {
  const value = await response;
  seen.push(value);
  return value;
}

beforeAll(async () => {
  mock = await startMockGateway({ apiKey: API_KEY });
  proxy = await listenProxy({ apiKey: API_KEY, baseURL: mock.url });
});
afterEach(async () => {
  mock.reset();
  while (extra.length > 0) await extra.pop()?.();
});
afterAll(async () => {
  await proxy.close();
  await mock.close();
  // The key is in no status line, header or body any caller received.
  expect(seen.length).toBeGreaterThan(20);
  for (const response of seen) {
    expect(JSON.stringify(response)).not.toContain(API_KEY);
  }
});

describe('forwarding', () => {
  it.each(scenarios)(
    'forwards the %s example and passes status, body and request id back',
    async (name) => {
      const body = readVector(name);
      const response = await record(postJSON(proxy.endpoint, body));
      expect(response.status).toBe(200);
      const json = JSON.parse(response.text) as {
        request_id: string;
        output: { choices: unknown[] };
      };
      expect(json.output.choices.length).toBeGreaterThan(0);
      expect(mock.requests).toHaveLength(1);
      const upstream = mock.requests[0];
      expect(upstream?.body).toEqual(body);
      expect(json.request_id).toBe(upstream?.requestId);
      expect(response.headers['x-request-id']).toBe(upstream?.requestId);
      expect(response.headers['content-type']).toContain('application/json');
    },
  );

  it('serves the core client in a browser-like setup: base URL is the proxy path, no key', async () => {
    const client = createTokenHubClient({ baseURL: `${proxy.origin}/api/tokenhub`, maxRetries: 0 });
    const result = await client.generateImages(textToImage());
    expect(result.images).toHaveLength(1);
    expect(result.requestId).toBe(mock.requests[0]?.requestId);
  });

  it("never forwards the caller's Authorization, cookies or hop-by-hop headers", async () => {
    const response = await record(
      postJSON(proxy.endpoint, textToImage(), {
        authorization: 'Bearer caller-token',
        cookie: 'session=abc123',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        'x-api-key': 'caller-key',
        'x-forwarded-for': '203.0.113.9',
        'idempotency-key': 'idem-42',
      }),
    );
    expect(response.status).toBe(200);
    const headers = mock.requests[0]?.headers ?? {};
    expect(headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(headers.cookie).toBeUndefined();
    expect(headers['proxy-authorization']).toBeUndefined();
    expect(headers['x-api-key']).toBeUndefined();
    expect(headers['x-forwarded-for']).toBeUndefined();
    expect(JSON.stringify(headers)).not.toContain('caller-token');
    // What the client needs for safe retries still goes through.
    expect(headers['idempotency-key']).toBe('idem-42');
  });

  it('passes an upstream error status and body back (401 from the gateway)', async () => {
    mock.enqueueFault('401');
    const response = await record(postJSON(proxy.endpoint, textToImage()));
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text).code).toBe('InvalidApiKey');
  });

  it('passes Retry-After of an upstream 429 back to the caller', async () => {
    mock.enqueueFault('429-retry-after');
    const response = await record(postJSON(proxy.endpoint, textToImage()));
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toMatch(/^\d+$/);
    expect(JSON.parse(response.text).code).toMatch(/^Throttling/);
  });

  it('accepts a body a body-parser already read (Express with express.json() mounted first)', async () => {
    const handler = toNodeHandler(createProxyHandler({ apiKey: API_KEY, baseURL: mock.url }));
    // What express.json() does: read the stream, parse it, put the result on req.body.
    const server = createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      Object.assign(req, { body: JSON.parse(text) });
      await handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    extra.push(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await record(
      postJSON(`${origin}/api/tokenhub/v1/images/generations`, readVector('text-to-image')),
    );
    expect(response.status).toBe(200);
    expect(mock.requests[0]?.body).toEqual(readVector('text-to-image'));
  });

  it('passes an upstream HTML 502 page back as a JSON error the client reports', async () => {
    mock.enqueueFault('html-502');
    const response = await record(postJSON(proxy.endpoint, textToImage()));
    expect(response.status).toBe(502);
    expect(response.headers['content-type']).toContain('application/json');
    const json = JSON.parse(response.text) as { code: string; message: string; request_id: string };
    expect(json.message).toContain('non-JSON');
    expect(json.request_id).toBeTruthy();

    mock.enqueueFault('html-502');
    const client = createTokenHubClient({ baseURL: `${proxy.origin}/api/tokenhub`, maxRetries: 0 });
    const error = await rejectionOf(client.generateImages(textToImage()));
    expect(TokenHubAPIError.isInstance(error)).toBe(true);
    expect((error as TokenHubAPIError).status).toBe(502);
  });
});

describe('refusals that send nothing upstream', () => {
  it('answers 404 for any other path and 405 (with Allow) for any other method', async () => {
    const other = await record(
      postJSON(`${proxy.origin}/api/tokenhub/v1/chat/completions`, textToImage()),
    );
    expect(other.status).toBe(404);
    const outside = await record(postJSON(`${proxy.origin}/v1/images/generations`, textToImage()));
    expect(outside.status).toBe(404);
    // Path tricks cannot reach another upstream path or host.
    const traversal = await record(
      postJSON(`${proxy.origin}/api/tokenhub/v1/images/generations/../../../admin`, textToImage()),
    );
    expect(traversal.status).toBe(404);
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const response = await record(call(proxy.endpoint, { method }));
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('POST');
    }
    expect(mock.requests).toHaveLength(0);
  });

  it('rejects an invalid body with 400 InvalidParameter naming the field', async () => {
    const body: ImageRequestBody = { ...textToImage(), parameters: { size: '1K', n: 9 } };
    const response = await record(postJSON(proxy.endpoint, body));
    expect(response.status).toBe(400);
    const json = JSON.parse(response.text) as { code: string; message: string; request_id: string };
    expect(json.code).toBe('InvalidParameter');
    expect(json.message).toContain('parameters.n');
    expect(json.request_id).toBeTruthy();

    const notJSON = await record(
      call(proxy.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model":',
      }),
    );
    expect(notJSON.status).toBe(400);
    const notJSONType = await record(
      call(proxy.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: '{}',
      }),
    );
    expect(notJSONType.status).toBe(415);
    expect(mock.requests).toHaveLength(0);
  });

  it('answers 413 for a body over maxBodyBytes, declared or streamed without a length', async () => {
    const small = await listenProxy({
      apiKey: API_KEY,
      baseURL: mock.url,
      maxBodyBytes: 64 * 1024,
    });
    extra.push(() => small.close());
    const big = textToImage(`${'x'.repeat(100 * 1024)}`);
    const declared = await record(postJSON(small.endpoint, big));
    expect(declared.status).toBe(413);

    // Chunked: no Content-Length, so the cap must hold while reading.
    const url = new URL(small.endpoint);
    const streamed = await new Promise<SeenResponse>((resolve, reject) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers as Record<string, string>,
              text,
            }),
          );
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });
    seen.push(streamed);
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text).code).toBe('RequestTooLarge');
    expect(mock.requests).toHaveLength(0);
  });
});

describe('authorize', () => {
  it('rejects with 401, 403 or 429 before reading the body, and tags accepted calls', async () => {
    const completions: ProxyCompletion[] = [];
    const guarded = await listenProxy({
      apiKey: API_KEY,
      baseURL: mock.url,
      authorize: (request) => {
        const user = request.headers.get('x-user');
        if (!user) return { allow: false };
        if (user === 'banned') return { allow: false, status: 403 };
        if (user === 'greedy')
          return { allow: false, status: 429, headers: { 'retry-after': '60' } };
        return { allow: true, tag: user };
      },
      onComplete: (completion) => completions.push(completion),
    });
    extra.push(() => guarded.close());

    expect((await record(postJSON(guarded.endpoint, textToImage()))).status).toBe(401);
    expect(
      (await record(postJSON(guarded.endpoint, textToImage(), { 'x-user': 'banned' }))).status,
    ).toBe(403);
    const limited = await record(postJSON(guarded.endpoint, textToImage(), { 'x-user': 'greedy' }));
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBe('60');
    expect(mock.requests).toHaveLength(0);

    const ok = await record(postJSON(guarded.endpoint, textToImage(), { 'x-user': 'ada' }));
    expect(ok.status).toBe(200);
    expect(completions).toHaveLength(1);
    expect(completions[0]).toMatchObject({
      tag: 'ada',
      status: 200,
      requestId: mock.requests[0]?.requestId,
    });
  });
});

describe('upstream trouble', () => {
  it('scrubs the key from an upstream that echoes it, and never forwards upstream cookies', async () => {
    const echo = createServer((req, res) => {
      res.writeHead(401, {
        'content-type': 'application/json',
        'set-cookie': 'upstream=1',
        'x-echo-authorization': req.headers.authorization ?? '',
        'x-request-id': 'echo-1',
      });
      res.end(
        JSON.stringify({
          code: 'InvalidApiKey',
          message: `bad key ${req.headers.authorization}`,
          request_id: 'echo-1',
        }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const echoURL = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
    const echoing = await listenProxy({ apiKey: API_KEY, baseURL: echoURL });
    extra.push(async () => {
      await echoing.close();
      echo.closeAllConnections();
      await new Promise((resolve) => echo.close(resolve));
    });
    const response = await record(postJSON(echoing.endpoint, textToImage()));
    expect(response.status).toBe(401);
    expect(response.text).toContain('[redacted]');
    expect(response.headers['set-cookie']).toBeUndefined();
    expect(response.headers['x-echo-authorization']).toBeUndefined();
    expect(response.headers['x-request-id']).toBe('echo-1');
  });

  it('answers 502 when the upstream is unreachable and 504 when it is too slow', async () => {
    const closed = await startMockGateway();
    const deadURL = closed.url;
    await closed.close();
    const dead = await listenProxy({ apiKey: API_KEY, baseURL: deadURL });
    extra.push(() => dead.close());
    const unreachable = await record(postJSON(dead.endpoint, textToImage()));
    expect(unreachable.status).toBe(502);
    expect(JSON.parse(unreachable.text).code).toBe('UpstreamUnavailable');

    const impatient = await listenProxy(
      createProxyHandler({ apiKey: API_KEY, baseURL: mock.url, timeoutMs: 100 }),
    );
    extra.push(() => impatient.close());
    mock.setLatency(1000);
    const slow = await record(postJSON(impatient.endpoint, textToImage()));
    expect(slow.status).toBe(504);
    expect(JSON.parse(slow.text).code).toBe('UpstreamTimeout');
  });

  it('holds no state: two replicas answer alternating calls alike', async () => {
    const replica = await listenProxy({ apiKey: API_KEY, baseURL: mock.url });
    extra.push(() => replica.close());
    const statuses: number[] = [];
    for (const endpoint of [proxy.endpoint, replica.endpoint, proxy.endpoint, replica.endpoint]) {
      statuses.push((await record(postJSON(endpoint, textToImage()))).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(new Set(mock.requests.map((request) => request.requestId)).size).toBe(4);
  });
});
