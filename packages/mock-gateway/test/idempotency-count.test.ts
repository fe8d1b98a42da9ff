/**
 * `GET /__mock/requests` counts generations per idempotency key, so a test can prove that one paid
 * result was generated once (the client's retries, a proxy's ledger) or twice (a blind resend).
 */
import { createTokenHubClient, type ImageRequestBody } from '@tokenhub/image-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  generationsByIdempotencyKey,
  type MockGateway,
  type RecordedRequestJson,
  startMockGateway,
} from '../src/index.js';
import { postGeneration, textBody } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startMockGateway();
});
afterAll(() => gateway.close());
beforeEach(() => gateway.reset());

async function listRequests(): Promise<RecordedRequestJson[]> {
  const response = await fetch(`${gateway.url}/__mock/requests`);
  expect(response.status).toBe(200);
  return (await response.json()) as RecordedRequestJson[];
}

const withKey = (key: string, extra: Record<string, string> = {}) => ({
  'idempotency-key': key,
  ...extra,
});

describe('generations per idempotency key in GET /__mock/requests', () => {
  it('counts two answered calls with one key as two generations, and keys apart', async () => {
    expect((await postGeneration(gateway.url, textBody('a'), withKey('key-a'))).status).toBe(200);
    expect((await postGeneration(gateway.url, textBody('a'), withKey('key-a'))).status).toBe(200);
    expect((await postGeneration(gateway.url, textBody('b'), withKey('key-b'))).status).toBe(200);
    expect((await postGeneration(gateway.url, textBody('c'))).status).toBe(200);
    const list = await listRequests();
    expect(list.map((request) => [request.idempotencyKey, request.generationsForKey])).toEqual([
      ['key-a', 2],
      ['key-a', 2],
      ['key-b', 1],
      [null, null],
    ]);
    // The in-process view agrees.
    expect(generationsByIdempotencyKey(gateway.requests)).toEqual(
      new Map([
        ['key-a', 2],
        ['key-b', 1],
      ]),
    );
  });

  it("does not count error answers: the client's retry after a 429 is one generation", async () => {
    gateway.enqueueFault('429');
    const client = createTokenHubClient({
      baseURL: gateway.url,
      fetch: globalThis.fetch,
      retryBackoff: { initialDelayMs: 5, maxDelayMs: 10 },
    });
    await client.generateImages(textBody('retry me') as ImageRequestBody);
    const list = await listRequests();
    expect(list.map((request) => request.status)).toEqual([429, 200]);
    const key = list[0]?.idempotencyKey;
    expect(key).toEqual(expect.any(String));
    expect(list[1]?.idempotencyKey).toBe(key);
    expect(list.map((request) => request.generationsForKey)).toEqual([1, 1]);
  });

  it('counts a call dropped by its client: the upstream would still run and bill it', async () => {
    const controller = new AbortController();
    const dropped = postGeneration(
      gateway.url,
      textBody('slow'),
      withKey('key-drop', { 'x-mock-latency-ms': '5000' }),
      { signal: controller.signal },
    ).catch((error: unknown) => error);
    await gateway.waitForRequest();
    controller.abort();
    await dropped;
    await gateway.requests[0]?.settled;
    expect((await postGeneration(gateway.url, textBody('slow'), withKey('key-drop'))).status).toBe(
      200,
    );
    const list = await listRequests();
    expect(list.map((request) => request.outcome)).toEqual(['aborted', 'completed']);
    expect(list.map((request) => request.generationsForKey)).toEqual([2, 2]);
  });

  it('counts a call still running, and forgets everything on reset', async () => {
    const running = postGeneration(
      gateway.url,
      textBody('running'),
      withKey('key-run', { 'x-mock-latency-ms': '400' }),
    );
    await gateway.waitForRequest();
    const [pending] = await listRequests();
    expect(pending?.outcome).toBe('pending');
    expect(pending?.generationsForKey).toBe(1);
    expect((await running).status).toBe(200);
    await fetch(`${gateway.url}/__mock/reset`, { method: 'POST' });
    expect(await listRequests()).toEqual([]);
  });
});
