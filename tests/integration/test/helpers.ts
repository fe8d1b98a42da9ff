/**
 * Shared set-up of the integration tests: a mock gateway on loopback, clients over both transports
 * (the Node preset's undici agent and the platform `fetch`), fixtures and error capture.
 */
import { readFileSync } from 'node:fs';
import {
  createTokenHubClient as createBrowserSafeClient,
  type ImageRequestBody,
  type TokenHubClient,
} from '@tokenhub/image-core';
import {
  createTokenHubClient as createNodeClient,
  type TokenHubClientOptions,
} from '@tokenhub/image-core/node';
import {
  type MockGateway,
  type MockGatewayOptions,
  startMockGateway,
} from '@tokenhub/mock-gateway';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The key the mock gateway expects. Tests assert it never shows up in an error. */
export const API_KEY = 'sk-tokenhub-integration-SECRET-7f3a9c';

/** Waits between attempts short enough for tests, long enough to be real timers. */
export const fastBackoff = { initialDelayMs: 5, maxDelayMs: 20 } as const;

/** The two ways the client reaches the network. */
export const transports = ['node preset (undici agent)', 'platform fetch'] as const;
/** One of {@link transports}. */
export type Transport = (typeof transports)[number];

/** A client for `transport` pointed at `baseURL`, with the test key and fast retries. */
export function clientFor(transport: Transport, options: TokenHubClientOptions): TokenHubClient {
  const merged: TokenHubClientOptions = { apiKey: API_KEY, retryBackoff: fastBackoff, ...options };
  return transport === 'platform fetch'
    ? createBrowserSafeClient({ fetch: globalThis.fetch, ...merged })
    : createNodeClient(merged);
}

/** A request vector of the guide, copied into fixtures/. */
export function readVector(name: string): ImageRequestBody {
  return JSON.parse(
    readFileSync(new URL(`fixtures/${name}.request.json`, import.meta.url), 'utf8'),
  );
}

/** A small valid request. */
export function textToImage(prompt = 'A red fox in fresh snow'): ImageRequestBody {
  return {
    model: 'wan2.7-image-pro',
    input: { messages: [{ role: 'user', content: [{ text: prompt }] }] },
    parameters: { size: '1K', n: 1 },
  };
}

/** The rejection of `promise` (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

/**
 * Starts one mock gateway (with the test key) for the calling test file, resets it before each test
 * and closes it after the file. Returns an accessor, since the gateway exists only once the file's
 * `beforeAll` has run.
 */
export function useMockGateway(
  options: MockGatewayOptions = { apiKey: API_KEY },
): () => MockGateway {
  let gateway: MockGateway | undefined;
  beforeAll(async () => {
    gateway = await startMockGateway(options);
  });
  afterAll(async () => {
    await gateway?.close();
  });
  beforeEach(() => {
    gateway?.reset();
  });
  return () => {
    if (!gateway) throw new Error('the mock gateway is not started yet (use it inside a test)');
    return gateway;
  };
}
