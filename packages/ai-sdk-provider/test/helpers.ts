/**
 * Shared set-up of the provider's tests: one mock gateway per test file over real HTTP, the
 * guide's request vectors, and what the gateway recorded (read back over `GET /__mock/requests`).
 */
import { readFileSync } from 'node:fs';
import type { ImageRequestBody } from '@tokenhub/image-core';
import {
  type MockGateway,
  type MockGatewayOptions,
  type RecordedRequestJson,
  startMockGateway,
} from '@tokenhub/mock-gateway';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** The key the mock gateway expects; tests assert it never shows up in an error. */
export const API_KEY = 'sk-tokenhub-ai-sdk-SECRET-4e1b7d';

/** A request vector of the gateway's guide, copied into fixtures/. */
export function readVector(name: string): ImageRequestBody {
  return JSON.parse(
    readFileSync(new URL(`fixtures/${name}.request.json`, import.meta.url), 'utf8'),
  ) as ImageRequestBody;
}

/** The text item of a vector. */
export function promptOf(vector: ImageRequestBody): string {
  const item = vector.input.messages[0]?.content.find((part) => 'text' in part);
  if (!item || !('text' in item)) throw new Error('the vector has no text item');
  return item.text;
}

/** The image items of a vector, in order. */
export function imagesOf(vector: ImageRequestBody): string[] {
  return (vector.input.messages[0]?.content ?? []).flatMap((part) =>
    'image' in part ? [part.image] : [],
  );
}

/**
 * Starts a mock gateway for the calling test file, resets it before each test and closes it after
 * the file. Returns an accessor, since the gateway exists only once `beforeAll` has run.
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

/** Every generation request the gateway received, as its HTTP control endpoint reports them. */
export async function recordedRequests(gateway: MockGateway): Promise<RecordedRequestJson[]> {
  const response = await fetch(`${gateway.url}/__mock/requests`);
  return (await response.json()) as RecordedRequestJson[];
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
