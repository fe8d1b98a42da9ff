/**
 * Shared test plumbing: a real mock gateway over loopback HTTP, clients that talk to it, and the
 * guide's scenario requests (copied into fixtures/, nothing is read from outside the repo).
 */

import { act } from '@testing-library/react';
import {
  createTokenHubClient,
  type ImageRequestBody,
  type TokenHubClientOptions,
} from '@tokenhub/image-core';
import { type MockGateway, startMockGateway } from '@tokenhub/mock-gateway';
import groupGeneration from './fixtures/group-generation.request.json' with { type: 'json' };
import imageEditing from './fixtures/image-editing.request.json' with { type: 'json' };
import interactiveEditing from './fixtures/interactive-editing.request.json' with { type: 'json' };
import textToImage from './fixtures/text-to-image.request.json' with { type: 'json' };

/** The four scenarios of the guide, as built bodies. */
export const scenarios = {
  'text-to-image': textToImage as ImageRequestBody,
  'image editing': imageEditing as ImageRequestBody,
  'interactive editing (boxes)': interactiveEditing as ImageRequestBody,
  'group generation (4 images)': groupGeneration as ImageRequestBody,
} as const;

/** A copy of a body with a different seed, to tell runs apart on the gateway side. */
export function withSeed(body: ImageRequestBody, seed: number): ImageRequestBody {
  return { ...body, parameters: { ...body.parameters, seed } };
}

/** Starts a gateway for one test file. */
export async function startGateway(
  options: Parameters<typeof startMockGateway>[0] = {},
): Promise<MockGateway> {
  return startMockGateway({ ...options, host: '127.0.0.1' });
}

/** A key-less client for the gateway, with short retry waits so retry tests stay quick. */
export function clientFor(gateway: MockGateway, options: TokenHubClientOptions = {}) {
  return createTokenHubClient({
    baseURL: gateway.url,
    retryBackoff: { initialDelayMs: 20, maxDelayMs: 50 },
    ...options,
  });
}

/** Waits for real time inside act(), so updates from timers and responses are flushed. */
export async function pass(ms: number): Promise<void> {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** The seed the gateway received for a response's request id. */
export function seedOf(gateway: MockGateway, requestId: string | undefined): unknown {
  const recorded = gateway.requests.find((request) => request.requestId === requestId);
  return (recorded?.body as ImageRequestBody | undefined)?.parameters?.seed;
}
