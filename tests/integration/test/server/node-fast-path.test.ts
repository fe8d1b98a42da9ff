/**
 * `toNodeHandler` serves a handler from `createProxyHandler` straight from node:http, without Web
 * `Request`/`Response` objects (issue 11, section 5). These tests hold the fast path to the
 * behaviour of the Web path: each case goes to two proxies over real HTTP, one fast and one whose
 * handler is wrapped (a wrapper is not known to `toNodeHandler`, so it gets a `Request`), and the
 * callers must see the same status, headers and body (request ids aside).
 */
import { request as httpRequest } from 'node:http';
import { createProxyHandler, type ProxyHandlerOptions } from '@tokenhub/image-core/server';
import { type MockFault, type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, textToImage } from '../helpers.js';
import { call, type ListeningProxy, listenProxy, type SeenResponse } from './listen.js';

let mock: MockGateway;
let fast: ListeningProxy;
let web: ListeningProxy;

const options = (): ProxyHandlerOptions => ({
  apiKey: API_KEY,
  baseURL: mock.url,
  maxBodyBytes: 64 * 1024,
  authorize: (request) =>
    request.headers.get('x-user') === 'blocked'
      ? { allow: false, status: 403, headers: { 'Retry-After': '7' } }
      : { allow: true, tag: request.headers.get('x-user') ?? undefined },
});

beforeAll(async () => {
  mock = await startMockGateway({ apiKey: API_KEY, maxImageSide: 64 });
  fast = await listenProxy(createProxyHandler(options()));
  const handler = createProxyHandler(options());
  web = await listenProxy((request) => handler(request));
});
afterAll(async () => {
  await fast.close();
  await web.close();
  await mock.close();
});

const uuids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** What a caller relies on: status, headers and body, with the per-call ids and links masked. */
function comparable(response: SeenResponse): unknown {
  const {
    date: _date,
    'x-request-id': _id,
    'idempotency-key': _key,
    ...headers
  } = response.headers;
  let body: unknown = response.text;
  try {
    body = JSON.parse(response.text, (name, value) =>
      name === 'request_id' || name === 'image' || name === 'url'
        ? typeof value
        : typeof value === 'string'
          ? value.replace(uuids, '<uuid>')
          : value,
    );
  } catch {
    // Not JSON: compared as text.
  }
  return { status: response.status, headers, body };
}

/** Sends the same request to both proxies (path under the prefix) and returns both answers. */
async function both(
  path: string,
  init: RequestInit & { fault?: MockFault } = {},
): Promise<[SeenResponse, SeenResponse]> {
  const answers: SeenResponse[] = [];
  for (const proxy of [fast, web]) {
    if (init.fault) mock.enqueueFault(init.fault);
    answers.push(await call(`${proxy.origin}/api/tokenhub${path}`, init));
  }
  return answers as [SeenResponse, SeenResponse];
}

const post = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('the node fast path answers as the Web path does', () => {
  it.each([
    ['a generation', '/v1/images/generations', post(textToImage())],
    ['an invalid body', '/v1/images/generations', post({ model: 'wan2.7-image', input: {} })],
    [
      // The message quotes the size: the answer is not ASCII, so its Content-Length is not its length.
      'an answer beyond ASCII',
      '/v1/images/generations',
      post({ ...textToImage(), parameters: { size: '２K 🦊' } }),
    ],
    ['a body that is not JSON', '/v1/images/generations', post('{"model":')],
    [
      'a declared body over the cap',
      '/v1/images/generations',
      post(textToImage('x'.repeat(70_000))),
    ],
    ['a body that is not JSON by type', '/v1/images/generations', { method: 'POST', body: 'x' }],
    ['another path', '/v1/models', post(textToImage())],
    ['another method', '/v1/images/generations', { method: 'PUT', body: '{}' }],
    [
      'a rejection by authorize',
      '/v1/images/generations',
      post(textToImage(), { 'x-user': 'blocked' }),
    ],
    ['an unknown generation', '/v1/images/generations/no-such-key', {}],
    [
      'a bad Idempotency-Key',
      '/v1/images/generations',
      post(textToImage(), { 'idempotency-key': 'a b' }),
    ],
  ] as const)('%s', async (_name, path, init) => {
    const [fastAnswer, webAnswer] = await both(path, init);
    expect(comparable(fastAnswer)).toEqual(comparable(webAnswer));
  });

  it.each(['429-retry-after', '400', 'html-502', 'malformed-json', 'reset-mid-body'] as const)(
    'an upstream fault: %s',
    async (fault) => {
      const [fastAnswer, webAnswer] = await both('/v1/images/generations', {
        ...post(textToImage()),
        fault,
      });
      expect(fastAnswer.status).toBeGreaterThanOrEqual(400);
      expect(comparable(fastAnswer)).toEqual(comparable(webAnswer));
    },
  );

  it('replays a key, refuses it with another body, and reads it back with GET', async () => {
    for (const proxy of [fast, web]) {
      const key = `parity-${proxy === fast ? 'fast' : 'web'}`;
      const endpoint = `${proxy.origin}/api/tokenhub/v1/images/generations`;
      const first = await call(endpoint, post(textToImage(), { 'idempotency-key': key }));
      const again = await call(endpoint, post(textToImage(), { 'idempotency-key': key }));
      const other = await call(endpoint, post(textToImage('other'), { 'idempotency-key': key }));
      const read = await call(`${endpoint}/${key}`);
      expect([first.status, again.status, other.status, read.status]).toEqual([200, 200, 422, 200]);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.text).toBe(first.text);
      expect(read.text).toBe(first.text);
    }
  });

  it('counts a body streamed without Content-Length against the cap', async () => {
    const sizes: number[] = [];
    for (const proxy of [fast, web]) {
      const url = new URL(`${proxy.origin}/api/tokenhub/v1/images/generations`);
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          url,
          { method: 'POST', headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 6; i++) req.write(Buffer.alloc(16 * 1024, 0x20));
        req.end();
      });
      sizes.push(status);
    }
    expect(sizes).toEqual([413, 413]);
  });
});

describe('the fast path is taken', () => {
  it('builds no Web Request for a call when authorize is not set; a wrapped handler does', async () => {
    const handler = createProxyHandler({ apiKey: API_KEY, baseURL: mock.url });
    const direct = await listenProxy(handler);
    const wrapped = await listenProxy((request) => handler(request));
    const WebRequest = globalThis.Request;
    let built = 0;
    globalThis.Request = new Proxy(WebRequest, {
      construct(target, args) {
        built++;
        return Reflect.construct(target, args);
      },
    });
    try {
      const counts: number[] = [];
      for (const proxy of [direct, wrapped]) {
        built = 0;
        const answer = await call(proxy.endpoint, post(textToImage()));
        expect(answer.status).toBe(200);
        counts.push(built);
      }
      expect(counts[0]).toBe(0);
      expect(counts[1]).toBeGreaterThan(0);
    } finally {
      globalThis.Request = WebRequest;
      await direct.close();
      await wrapped.close();
    }
  });
});
