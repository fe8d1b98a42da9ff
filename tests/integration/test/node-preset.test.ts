import { TokenHubError, TokenHubTimeoutError } from '@tokenhub/image-core';
import { createNodeFetch, createTokenHubClient } from '@tokenhub/image-core/node';
import { describe, expect, it } from 'vitest';
import { API_KEY, rejectionOf, textToImage, useMockGateway } from './helpers.js';

const gateway = useMockGateway();

describe('Node preset', () => {
  it('reuses kept-alive connections across calls', async () => {
    const fetch = createNodeFetch();
    let connections = 0;
    fetch.dispatcher.on('connect', () => connections++);
    try {
      const client = createTokenHubClient({ apiKey: API_KEY, baseURL: gateway().url, fetch });
      for (let i = 0; i < 8; i++) await client.generateImages(textToImage(`call ${i}`));
      expect(gateway().requests).toHaveLength(8);
      // undici may open a second socket while the first is being released; never one per call.
      expect(connections).toBeGreaterThanOrEqual(1);
      expect(connections).toBeLessThanOrEqual(2);
    } finally {
      await fetch.close();
    }
    expect(fetch.dispatcher.closed).toBe(true);
  });

  it("a per-call timeoutMs above the client's also lifts the agent's headers timeout", async () => {
    // The agent's default limits sit 5 s above the client's 100 ms; this answer takes 5.3 s.
    gateway().setLatency(5_300);
    const client = createTokenHubClient({
      apiKey: API_KEY,
      baseURL: gateway().url,
      timeoutMs: 100,
      maxRetries: 0,
    });
    const result = await client.generateImages(textToImage(), { timeoutMs: 10_000 });
    expect(result.images).toHaveLength(1);
  });

  it('times out at the client limit with TokenHubTimeoutError', async () => {
    // A limit of a second, not less: on a loaded machine a call can take a few hundred ms to reach
    // the gateway, and one that never got there would leave nothing to see aborted.
    gateway().setLatency(10_000);
    const client = createTokenHubClient({
      apiKey: API_KEY,
      baseURL: gateway().url,
      timeoutMs: 1000,
      maxRetries: 0,
    });
    const error = await rejectionOf(client.generateImages(textToImage()));
    expect(TokenHubTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ timeoutMs: 1000 });
    expect(await gateway().requests[0]?.settled).toBe('aborted');
  });

  it('refuses a relative baseURL with a clear error instead of retrying it as a network failure', async () => {
    let retries = 0;
    const client = createTokenHubClient({ baseURL: '/api/tokenhub' });
    const error = await rejectionOf(
      client.generateImages(textToImage(), { onRetry: () => retries++ }),
    );
    expect(TokenHubError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('absolute baseURL');
    expect(retries).toBe(0);
  });
});
