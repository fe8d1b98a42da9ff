/**
 * The framework-agnostic generation store (what `useImageGeneration` wraps) over real HTTP, without
 * React: cancellation reaches the gateway, the latest run wins, and a stop during a retry wait
 * sends nothing more.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  createImageGenerationStore,
  createTokenHubClient,
  type ImageGenerationClient,
  type ImageGenerationResult,
  type ImageGenerationStore,
  type ImageGenerationStoreOptions,
} from '@tokenhub/image-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API_KEY, textToImage, useMockGateway } from './helpers.js';

const gateway = useMockGateway();
let store: ImageGenerationStore | undefined;

afterEach(() => store?.dispose());

function createStore(
  retryBackoff = { initialDelayMs: 5, maxDelayMs: 20 },
  options: ImageGenerationStoreOptions = {},
): ImageGenerationStore {
  const client = createTokenHubClient({ apiKey: API_KEY, baseURL: gateway().url, retryBackoff });
  store = createImageGenerationStore(client, options);
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

describe('warnings travel with results', () => {
  /** A valid request the model half ignores: wan2.7 takes no negative prompt. */
  const withIgnoredParameter = () => {
    const body = textToImage();
    return { ...body, parameters: { ...body.parameters, negative_prompt: 'blurry' } };
  };
  const ignoredNegativePrompt = {
    path: 'parameters.negative_prompt',
    rule: 'unsupported-parameter',
    message: 'wan2.7-image-pro does not support negative_prompt; the gateway ignores it',
  };

  it('the result, the state and the history entry carry the warnings of the request that was sent', async () => {
    const target = createStore();
    const result = await target.generateAsync(withIgnoredParameter());
    expect(gateway().requests[0]?.body).toMatchObject({
      parameters: { negative_prompt: 'blurry' },
    });
    expect(result.warnings).toEqual([ignoredNegativePrompt]);
    const state = target.getSnapshot();
    expect(state.warnings).toBe(result.warnings);
    expect(state.history[0]?.result.warnings).toEqual([ignoredNegativePrompt]);

    await target.generateAsync(textToImage());
    expect(target.getSnapshot().warnings).toEqual([]);
  });

  it('a client that drops them (a wrapper over an older server) still gets them from the store', async () => {
    const real = createTokenHubClient({ apiKey: API_KEY, baseURL: gateway().url });
    const wrapper: ImageGenerationClient = {
      validate: real.validate,
      generateImages: async (request, options) => {
        const { warnings: _dropped, ...rest } = await real.generateImages(request, options);
        return rest as ImageGenerationResult;
      },
    };
    store = createImageGenerationStore(wrapper);
    const result = await store.generateAsync(withIgnoredParameter());
    expect(result.warnings).toEqual([ignoredNegativePrompt]);
    expect(store.getSnapshot().data).toBe(result);
  });
});

describe('callbacks that throw (isolated, as TanStack Query does)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Captures what the store reports through the platform's `reportError` (browsers, Deno, Bun). */
  function captureReports(): unknown[] {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    return reported;
  }

  it('a throwing onSuccess keeps the success: generateAsync resolves, onSettled runs, the error is reported', async () => {
    const reported = captureReports();
    const boom = new Error('bug in onSuccess');
    const settled: unknown[] = [];
    const target = createStore(undefined, {
      onSuccess: () => {
        throw boom;
      },
      onSettled: (data, error) => settled.push(data, error),
    });
    const result = await target.generateAsync(textToImage());
    expect(result.requestId).toBe(gateway().requests[0]?.requestId);
    expect(target.getSnapshot()).toMatchObject({
      status: 'success',
      data: result,
      error: undefined,
    });
    expect(target.getSnapshot().history).toHaveLength(1);
    expect(settled).toEqual([result, undefined]);
    expect(reported).toEqual([boom]);
  });

  it('a throwing onError and onSettled keep the failure as it was, and both are reported', async () => {
    const reported = captureReports();
    gateway().enqueueFault('400');
    const target = createStore(undefined, {
      onError: () => {
        throw new Error('bug in onError');
      },
      onSettled: () => {
        throw new Error('bug in onSettled');
      },
    });
    const rejection = await target.generateAsync(textToImage()).catch((error: unknown) => error);
    expect(rejection).toBe(target.getSnapshot().error);
    expect((rejection as { status?: number }).status).toBe(400);
    expect(target.getSnapshot().status).toBe('error');
    expect(reported.map((error) => (error as Error).message)).toEqual([
      'bug in onError',
      'bug in onSettled',
    ]);
  });

  it('without reportError (Node), the error is rethrown asynchronously as an uncaught exception', async () => {
    // A separate Node process: an uncaught exception is exactly what this checks, and the gateway
    // is not needed (an invalid request fails before the network).
    const script = `
      import { createImageGenerationStore, createTokenHubClient, imageRequest } from '@tokenhub/image-core';
      process.on('uncaughtException', (error) => console.log('uncaught: ' + error.message));
      const store = createImageGenerationStore(
        createTokenHubClient({ apiKey: 'k', baseURL: 'http://127.0.0.1:9' }),
        { onError: () => { throw new Error('bug in onError'); }, onSettled: () => console.log('settled') },
      );
      store.generate(imageRequest('wan2.7-image-pro'));
      console.log('status: ' + store.getSnapshot().status);
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', script],
      { cwd: import.meta.dirname },
    );
    expect(stdout.trim().split('\n')).toEqual([
      'settled',
      'status: error',
      'uncaught: bug in onError',
    ]);
  });
});
