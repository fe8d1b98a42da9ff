/**
 * The framework-agnostic generation store (what `useImageGeneration` wraps) over real HTTP, without
 * React: cancellation reaches the gateway, the latest run wins, and a stop during a retry wait
 * sends nothing more.
 */
import {
  createImageGenerationStore,
  createTokenHubClient,
  type ImageGenerationStore,
} from '@tokenhub/image-core';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, textToImage, useMockGateway } from './helpers.js';

const gateway = useMockGateway();
let store: ImageGenerationStore | undefined;

afterEach(() => store?.dispose());

function createStore(retryBackoff = { initialDelayMs: 5, maxDelayMs: 20 }): ImageGenerationStore {
  const client = createTokenHubClient({ apiKey: API_KEY, baseURL: gateway().url, retryBackoff });
  store = createImageGenerationStore(client);
  return store;
}

/** Resolves once the store's snapshot satisfies `done`. */
function until(
  target: ImageGenerationStore,
  done: (state: ReturnType<ImageGenerationStore['getSnapshot']>) => boolean,
): Promise<void> {
  return new Promise((resolve) => {
    if (done(target.getSnapshot())) return resolve();
    const unsubscribe = target.subscribe(() => {
      if (done(target.getSnapshot())) {
        unsubscribe();
        resolve();
      }
    });
  });
}

describe('createImageGenerationStore over HTTP', () => {
  it('runs a generation to success and notifies subscribers', async () => {
    const target = createStore();
    const statuses: string[] = [];
    target.subscribe(() => statuses.push(target.getSnapshot().status));
    const result = await target.generateAsync(textToImage());
    const state = target.getSnapshot();
    expect(state.status).toBe('success');
    expect(state.data).toBe(result);
    expect(state.images.map((image) => image.url)).toEqual(result.images.map((i) => i.url));
    expect(state.progress).toBe(1);
    expect(statuses[0]).toBe('pending');
    expect(statuses.at(-1)).toBe('success');
    expect(state.history[0]?.result.requestId).toBe(gateway().requests[0]?.requestId);
  });

  it('stop() aborts the request at the gateway and returns to idle at once, without an error', async () => {
    gateway().setLatency(10_000);
    const target = createStore();
    target.generate(textToImage());
    const received = await gateway().waitForRequest();
    target.stop();
    expect(target.getSnapshot()).toMatchObject({ status: 'idle', error: undefined });
    expect(await received.settled).toBe('aborted');
    expect(target.getSnapshot().status).toBe('idle');
  });

  it('the latest run wins: a superseded request is aborted and never reaches the state', async () => {
    gateway().setLatency(1500);
    const target = createStore();
    target.generate(textToImage('first'));
    const first = await gateway().waitForRequest();
    const second = textToImage('second');
    const result = await target.generateAsync(second);
    expect(await first.settled).toBe('aborted');
    const state = target.getSnapshot();
    expect(state.variables).toBe(second);
    expect(state.data).toBe(result);
    expect(result.requestId).toBe(gateway().requests[1]?.requestId);
    expect(state.history).toHaveLength(1);
  });

  it('stop() during the wait between attempts sends no further attempt', async () => {
    gateway().enqueueFault('503');
    const target = createStore({ initialDelayMs: 2000, maxDelayMs: 2000 });
    target.generate(textToImage());
    // `attempt` moves to 2 when the client reports the retry, just before it starts waiting.
    await until(target, (state) => state.attempt === 2);
    expect(gateway().requests[0]?.status).toBe(503);
    target.stop();
    expect(target.getSnapshot().status).toBe('idle');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(gateway().requests).toHaveLength(1);
    expect(target.getSnapshot()).toMatchObject({ status: 'idle', error: undefined });
  });
});
