/**
 * The client's hooks and logger over real HTTP: what they report on success, retry and failure,
 * and that no hook argument and no log line ever holds the key, however the upstream encodes it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import {
  createTokenHubClient,
  type RequestEvent,
  type ResponseEvent,
  type RetryEvent,
  type TokenHubClientOptions,
  type TokenHubLogger,
} from '@tokenhub/image-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, fastBackoff, rejectionOf, textToImage, useMockGateway } from './helpers.js';

const gateway = useMockGateway();

/** Every spelling of the key a reader could decode. */
const keyForms = [
  API_KEY,
  [...API_KEY].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
  Buffer.from(API_KEY).toString('base64').replace(/=+$/, ''),
  Buffer.from(API_KEY).toString('base64url'),
];

/** A careless upstream: repeats the key JSON-escaped in its body and base64'd in its headers. */
let echoing: Server;
let echoingURL: string;
beforeAll(async () => {
  echoing = createServer((request, response) => {
    const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const escaped = [...key]
      .map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .join('');
    const base64 = Buffer.from(key).toString('base64');
    response.writeHead(request.headers['x-echo'] === 'final' ? 401 : 503, {
      'content-type': 'application/json',
      'x-request-id': `id-${base64}`,
      'retry-after-ms': '5',
    });
    response.end(
      `{"code":"InvalidApiKey","message":"key \\"${escaped}\\" (${base64}) refused","request_id":"r-${escaped}","echo":{"${escaped}":["${escaped}"]}}`,
    );
  });
  await new Promise<void>((resolve) => echoing.listen(0, '127.0.0.1', resolve));
  echoingURL = `http://127.0.0.1:${(echoing.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => echoing.close(resolve));
});

/** A client whose hooks and debug logger record everything they are given. */
function observedClient(options: TokenHubClientOptions = {}) {
  const captured: { requests: RequestEvent[]; responses: ResponseEvent[]; retries: RetryEvent[] } =
    { requests: [], responses: [], retries: [] };
  const lines: string[] = [];
  const logger: TokenHubLogger = {
    error: (line) => lines.push(`error ${line}`),
    warn: (line) => lines.push(`warn ${line}`),
    info: (line) => lines.push(`info ${line}`),
    debug: (line) => lines.push(`debug ${line}`),
  };
  const client = createTokenHubClient({
    apiKey: API_KEY,
    baseURL: gateway().url,
    fetch: globalThis.fetch,
    retryBackoff: fastBackoff,
    onRequest: (event) => captured.requests.push(event),
    onResponse: (event) => captured.responses.push(event),
    onRetry: (event) => captured.retries.push(event),
    logger,
    logLevel: 'debug',
    ...options,
  });
  const everything = () =>
    [...lines, inspect(captured, { depth: Number.POSITIVE_INFINITY, showHidden: true })].join('\n');
  return { client, captured, lines, everything };
}

function expectNoKey(text: string): void {
  for (const form of keyForms) expect(text).not.toContain(form);
}

describe('client hooks and logger', () => {
  it('report one request and one response per attempt, with masked headers, on success', async () => {
    const { client, captured, lines, everything } = observedClient();
    const result = await client.generateImages(textToImage());

    expect(captured.requests).toHaveLength(1);
    const [request] = captured.requests;
    expect(request).toMatchObject({
      attempt: 1,
      method: 'POST',
      url: `${gateway().url}/v1/images/generations`,
      request: textToImage(),
    });
    expect(request?.headers.authorization).toBe('[redacted]');
    expect(request?.callId).toBe(request?.headers['idempotency-key']);
    expect(request?.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(textToImage())));
    expect(captured.responses[0]).toMatchObject({
      attempt: 1,
      status: 200,
      requestId: result.requestId,
      imageCount: 1,
      error: undefined,
      willRetry: false,
    });
    expect(captured.responses[0]?.durationMs).toBeGreaterThanOrEqual(0);
    expect(lines.map((line) => line.split(' ')[0])).toEqual(['debug', 'info']);
    expect(lines[1]).toContain(`request id ${result.requestId}`);
    expectNoKey(everything());
  });

  it('report the failed attempt, the retry and the success that follows', async () => {
    gateway().enqueueFault('503');
    const { client, captured, lines, everything } = observedClient();
    await client.generateImages(textToImage());

    expect(captured.requests.map((event) => event.attempt)).toEqual([1, 2]);
    expect(captured.responses.map((event) => [event.status, event.willRetry])).toEqual([
      [503, true],
      [200, false],
    ]);
    expect(captured.retries).toMatchObject([{ attempt: 1, callId: captured.requests[0]?.callId }]);
    expect(new Set(captured.requests.map((event) => event.callId)).size).toBe(1);
    expect(lines.map((line) => line.split(' ')[0])).toEqual([
      'debug',
      'warn',
      'warn',
      'debug',
      'info',
    ]);
    expectNoKey(everything());
  });

  it('never hands out the key an upstream echoed JSON-escaped or base64-encoded', async () => {
    const { client, captured, lines, everything } = observedClient({
      baseURL: echoingURL,
      maxRetries: 1,
    });
    const error = await rejectionOf(client.generateImages(textToImage()));
    const final = await rejectionOf(
      client.generateImages(textToImage(), { headers: { 'x-echo': 'final' } }),
    );

    expect(captured.responses.map((event) => [event.status, event.willRetry])).toEqual([
      [503, true],
      [503, false],
      [401, false],
    ]);
    expect(lines.filter((line) => line.startsWith('error'))).toHaveLength(2);
    expect(inspect(error)).toContain('refused');
    expectNoKey(everything());
    expectNoKey(inspect([error, final], { depth: Number.POSITIVE_INFINITY, showHidden: true }));
    expectNoKey(JSON.stringify((final as { body: unknown }).body));
  });

  it('log nothing by default, and survive a hook that throws', async () => {
    const lines: string[] = [];
    const logger: TokenHubLogger = {
      error: (line) => lines.push(line),
      warn: (line) => lines.push(line),
      info: (line) => lines.push(line),
      debug: (line) => lines.push(line),
    };
    const quiet = createTokenHubClient({ apiKey: API_KEY, baseURL: gateway().url, logger });
    await quiet.generateImages(textToImage());
    expect(lines).toEqual([]);

    const throwing = createTokenHubClient({
      apiKey: API_KEY,
      baseURL: gateway().url,
      logger,
      logLevel: 'error',
      onRequest: () => {
        throw new Error(`hook failed for ${API_KEY}`);
      },
    });
    const result = await throwing.generateImages(textToImage());
    expect(result.images).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('onRequest threw (ignored): Error: hook failed for [redacted]');
  });
});
