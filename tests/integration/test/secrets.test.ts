import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { createTokenHubClient, TokenHubError } from '@tokenhub/image-core';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, clientFor, rejectionOf, textToImage, transports } from './helpers.js';

let gateway: MockGateway;
let echoing: Server;
let echoingUrl: string;

beforeAll(async () => {
  gateway = await startMockGateway({ apiKey: API_KEY });
  // A careless gateway that repeats the Authorization header back in its error bodies.
  echoing = createServer((request, response) => {
    const auth = request.headers.authorization ?? '';
    if (request.headers['x-echo'] === 'html') {
      response.writeHead(500, { 'content-type': 'text/html' });
      response.end(`<html><title>Error for ${auth}</title><body>${auth}</body></html>`);
      return;
    }
    if (request.headers['x-echo'] === 'empty') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ output: { choices: [], note: auth }, request_id: auth }));
      return;
    }
    response.writeHead(401, { 'content-type': 'application/json', 'x-request-id': `id-${auth}` });
    response.end(
      JSON.stringify({
        code: 'InvalidApiKey',
        message: `The key ${auth} is not valid`,
        echo: { auth },
      }),
    );
  });
  await new Promise<void>((resolve) => echoing.listen(0, '127.0.0.1', resolve));
  echoingUrl = `http://127.0.0.1:${(echoing.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => echoing?.close(resolve));
});

/** Every way an error can end up in a log. */
function renderings(error: unknown): string[] {
  const own = error as Record<string, unknown>;
  return [
    String(error),
    JSON.stringify(error),
    JSON.stringify(
      Object.fromEntries(Object.getOwnPropertyNames(own).map((name) => [name, own[name]])),
    ),
    inspect(error, { depth: 10 }),
    inspect(error, { depth: 10, showHidden: true }),
    (error as Error).stack ?? '',
    (error as Error).message,
  ];
}

async function errorsOver(
  transport: (typeof transports)[number],
): Promise<Array<[string, unknown]>> {
  const client = clientFor(transport, { baseURL: gateway.url, maxRetries: 0, timeoutMs: 1000 });
  const errors: Array<[string, unknown]> = [];
  const faults = [
    '400',
    '401',
    '429',
    '500',
    'html-502',
    'malformed-json',
    'empty-choices',
  ] as const;
  for (const fault of [
    ...faults,
    'reset-before-headers',
    'reset-mid-body',
    'slow-headers',
  ] as const) {
    errors.push([
      fault,
      await rejectionOf(
        client.generateImages(textToImage(), { headers: { 'x-mock-fault': fault } }),
      ),
    ]);
  }
  const wrongKey = `${API_KEY}-wrong`;
  errors.push([
    'wrong key',
    await rejectionOf(
      clientFor(transport, { baseURL: gateway.url, apiKey: wrongKey }).generateImages(
        textToImage(),
      ),
    ),
  ]);
  errors.push([
    'echoing 401',
    await rejectionOf(
      clientFor(transport, { baseURL: echoingUrl, maxRetries: 0 }).generateImages(textToImage()),
    ),
  ]);
  errors.push([
    'echoing HTML 500',
    await rejectionOf(
      clientFor(transport, { baseURL: echoingUrl, maxRetries: 0 }).generateImages(textToImage(), {
        headers: { 'x-echo': 'html' },
      }),
    ),
  ]);
  errors.push([
    'echoing empty 200',
    await rejectionOf(
      clientFor(transport, { baseURL: echoingUrl, maxRetries: 0 }).generateImages(textToImage(), {
        headers: { 'x-echo': 'empty' },
      }),
    ),
  ]);
  const closed = await startMockGateway();
  await closed.close();
  errors.push([
    'connection refused',
    await rejectionOf(
      clientFor(transport, { baseURL: closed.url, maxRetries: 0 }).generateImages(textToImage()),
    ),
  ]);
  errors.push([
    'validation',
    await rejectionOf(client.generateImages({ ...textToImage(), parameters: { n: 99, seed: -1 } })),
  ]);
  return errors;
}

describe.each(transports)('the API key over %s', (transport) => {
  it('appears in no error: message, String(), JSON, util.inspect, stack, own fields, causes', async () => {
    const errors = await errorsOver(transport);
    const kinds = new Set(errors.map(([, error]) => (error as Error).name));
    expect([...kinds].sort()).toEqual([
      'TokenHubAPIError',
      'TokenHubConnectionError',
      'TokenHubNoImageError',
      'TokenHubTimeoutError',
      'TokenHubValidationError',
    ]);
    for (const [label, error] of errors) {
      expect(TokenHubError.isInstance(error), label).toBe(true);
      for (const text of renderings(error)) {
        expect(text, label).not.toContain(API_KEY);
      }
    }
    // The echoing gateway's answer is kept, with the key replaced.
    const echoed = errors.find(([label]) => label === 'echoing 401')?.[1] as Error;
    expect(echoed.message).toContain('The key Bearer [redacted] is not valid');
  });
});

describe('the client object', () => {
  it('does not expose the key in its fields or when logged', () => {
    const client = createTokenHubClient({ apiKey: API_KEY });
    expect(JSON.stringify(client)).not.toContain(API_KEY);
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(API_KEY);
  });
});
