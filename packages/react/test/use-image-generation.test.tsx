import { act, fireEvent, render, renderHook, screen, waitFor } from '@testing-library/react';
import {
  type ImageGenerationResult,
  imageRequest,
  TokenHubAPIError,
  TokenHubConnectionError,
  TokenHubError,
  TokenHubNoImageError,
  TokenHubTimeoutError,
  TokenHubValidationError,
} from '@tokenhub/image-core';
import type { MockGateway } from '@tokenhub/mock-gateway';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  estimateProgress,
  TokenHubProvider,
  type UseImageGenerationOptions,
  useImageGeneration,
} from '../src/index.js';
import { clientFor, pass, scenarios, seedOf, startGateway, withSeed } from './helpers.js';

let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startGateway();
});
afterEach(() => gateway.reset());
afterAll(() => gateway.close());

const text = scenarios['text-to-image'];

/** Renders the hook with a client for the gateway and records every callback call. */
function setup(options: UseImageGenerationOptions = {}, strict = false) {
  const calls: string[] = [];
  const view = renderHook(
    (props: UseImageGenerationOptions) =>
      useImageGeneration({
        client: clientFor(gateway, { maxRetries: 0 }),
        onSuccess: () => calls.push('success'),
        onError: () => calls.push('error'),
        onSettled: () => calls.push('settled'),
        ...props,
      }),
    { initialProps: options, reactStrictMode: strict },
  );
  return { ...view, calls };
}

describe('success', () => {
  test.each(Object.entries(scenarios))('%s: images, data and flags', async (_name, body) => {
    const { result, calls } = setup();
    expect(result.current).toMatchObject({ status: 'idle', isIdle: true, attempt: 0, progress: 0 });
    act(() => result.current.generate(body));
    expect(result.current).toMatchObject({
      status: 'pending',
      isPending: true,
      isIdle: false,
      variables: body,
      attempt: 1,
      progress: 0,
    });
    expect(result.current.startedAt).toBeTypeOf('number');
    await waitFor(() => expect(result.current.status).toBe('success'));
    const state = result.current;
    expect(state).toMatchObject({
      isSuccess: true,
      isPending: false,
      error: undefined,
      progress: 1,
    });
    expect(state.data?.requestId).toBe(gateway.requests[0]?.requestId);
    expect(state.images).toBe(state.data?.images);
    const expected = body.parameters?.n ?? 1;
    expect(state.images).toHaveLength(expected);
    // The URLs are real: the gateway serves the PNGs.
    const png = await fetch(state.images[0]?.url ?? '');
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(gateway.requests).toHaveLength(1);
    expect(calls).toEqual(['success', 'settled']);
    expect(state.history).toHaveLength(1);
    expect(state.history[0]?.result).toBe(state.data);
  });

  test('accepts a builder and keeps it as variables', async () => {
    const { result } = setup();
    const request = imageRequest('wan2.7-image-pro').text('a red fox in snow').n(2);
    let resolved: ImageGenerationResult | undefined;
    await act(async () => {
      resolved = await result.current.generateAsync(request);
    });
    expect(resolved?.images).toHaveLength(2);
    expect(result.current.data).toBe(resolved);
    expect(result.current.variables).toBe(request);
    expect(gateway.requests[0]?.body).toEqual(request.toBody());
  });

  test('with estimateProgress(), elapsedMs and the estimate move while pending, a few times a second at most', async () => {
    // The answer takes 3 s and the estimate expects 1 s: at 0.75 s of elapsed time the request is
    // surely still pending, even on a loaded machine (waits only ever run late, never early).
    gateway.setLatency(3000);
    const pendingStates = new Set<unknown>();
    const { result } = renderHook(() => {
      const state = useImageGeneration({
        client: clientFor(gateway),
        progress: estimateProgress({ expectedMs: 1000 }),
      });
      if (state.isPending) pendingStates.add(state);
      return state;
    });
    act(() => result.current.generate(text));
    const progressSeen: number[] = [];
    await waitFor(
      () => {
        progressSeen.push(result.current.progress);
        expect(result.current.elapsedMs).toBeGreaterThanOrEqual(750);
      },
      { timeout: 2500, interval: 50 },
    );
    const pending = result.current;
    expect(pending.isPending).toBe(true);
    expect(pending.progress).toBeGreaterThan(0.5);
    expect(pending.progress).toBeLessThan(1);
    expect(pending.expectedMs).toBe(1000);
    expect(progressSeen).toEqual([...progressSeen].sort((a, b) => a - b));
    await waitFor(() => expect(result.current.isSuccess).toBe(true), { timeout: 10_000 });
    expect(result.current.progress).toBe(1);
    const { elapsedMs } = result.current;
    expect(elapsedMs).toBeGreaterThanOrEqual(3000);
    // At most 4 updates a second while pending (plus the first state), never one per frame.
    expect(pendingStates.size).toBeGreaterThanOrEqual(3);
    expect(pendingStates.size).toBeLessThanOrEqual(1 + Math.ceil(elapsedMs / 250));
    // Settled: the timer is gone, nothing changes any more.
    const settled = result.current;
    await pass(600);
    expect(result.current).toBe(settled);
  }, 20_000);

  test('without the progress option nothing ticks: progress 0 and elapsedMs 0 until the run settles', async () => {
    gateway.setLatency(1000);
    const pendingStates = new Set<unknown>();
    const { result } = renderHook(() => {
      const state = useImageGeneration({ client: clientFor(gateway) });
      if (state.isPending) pendingStates.add(state);
      return state;
    });
    act(() => result.current.generate(text));
    expect(result.current).toMatchObject({ isPending: true, progress: 0, elapsedMs: 0 });
    expect(result.current.expectedMs).toBeUndefined();
    await pass(600);
    // No timer re-rendered the component: the pending state is the one the run started with.
    expect(pendingStates.size).toBe(1);
    await waitFor(() => expect(result.current.isSuccess).toBe(true), { timeout: 10_000 });
    expect(result.current.progress).toBe(1);
    expect(result.current.elapsedMs).toBeGreaterThanOrEqual(1000);
  }, 20_000);

  test('the default estimate follows the documented latency: an image set 2 minutes, an edit 25 s', async () => {
    const { result } = setup({ progress: estimateProgress() });
    act(() => result.current.generate(scenarios['group generation (4 images)']));
    expect(result.current.expectedMs).toBe(120_000);
    act(() => result.current.generate(scenarios['image editing']));
    expect(result.current.expectedMs).toBe(25_000);
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
  });

  test('attempt counts the retries reported by the client', async () => {
    gateway.enqueueFault('503', '429');
    const { result } = setup({ maxRetries: 2 });
    act(() => result.current.generate(text));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.attempt).toBe(3);
    expect(gateway.requests).toHaveLength(3);
  });

  test('warnings of the request that was sent come back with its result', async () => {
    const { result } = setup();
    expect(result.current.warnings).toEqual([]);
    // wan2.7 takes no negative prompt: the request is sent, the gateway ignores the parameter.
    const request = imageRequest('wan2.7-image-pro').text('a red fox').negativePrompt('blurry');
    await act(async () => {
      await result.current.generateAsync(request);
    });
    expect(gateway.requests[0]?.body).toMatchObject({ parameters: { negative_prompt: 'blurry' } });
    expect(result.current.warnings).toEqual([
      expect.objectContaining({
        path: 'parameters.negative_prompt',
        rule: 'unsupported-parameter',
      }),
    ]);
    expect(result.current.warnings).toBe(result.current.data?.warnings);
    expect(result.current.history[0]?.result.warnings).toEqual(result.current.warnings);
    act(() => result.current.reset());
    expect(result.current.warnings).toEqual([]);
  });

  test('callbacks are always the latest ones passed', async () => {
    const seen: string[] = [];
    const { result, rerender } = setup({ onSuccess: () => seen.push('first') });
    rerender({ onSuccess: () => seen.push('second') });
    await act(async () => {
      await result.current.generateAsync(text);
    });
    expect(seen).toEqual(['second']);
  });
});

describe('callbacks that throw are isolated', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Captures what the hook reports through `reportError` (what browsers call window.onerror with). */
  function captureReports(): unknown[] {
    const reported: unknown[] = [];
    vi.stubGlobal('reportError', (error: unknown) => reported.push(error));
    return reported;
  }

  test('a throwing onSuccess: the success stands, generateAsync resolves, onSettled runs, the error is reported', async () => {
    const reported = captureReports();
    const boom = new Error('bug in onSuccess');
    const { result, calls } = setup({
      onSuccess: () => {
        throw boom;
      },
    });
    let resolved: ImageGenerationResult | undefined;
    await act(async () => {
      resolved = await result.current.generateAsync(text);
    });
    expect(resolved?.requestId).toBe(gateway.requests[0]?.requestId);
    expect(result.current).toMatchObject({ status: 'success', data: resolved, error: undefined });
    expect(calls).toEqual(['settled']);
    expect(reported).toEqual([boom]);
  });

  test('generate with a throwing onError and onSettled: the error state stands and both are reported', async () => {
    const reported = captureReports();
    gateway.enqueueFault('400');
    const { result } = setup({
      onError: () => {
        throw new Error('bug in onError');
      },
      onSettled: () => {
        throw new Error('bug in onSettled');
      },
    });
    act(() => result.current.generate(text));
    await waitFor(() => expect(reported).toHaveLength(2));
    expect(result.current.status).toBe('error');
    expect(TokenHubAPIError.isInstance(result.current.error)).toBe(true);
    expect(reported.map((error) => (error as Error).message)).toEqual([
      'bug in onError',
      'bug in onSettled',
    ]);
  });
});

describe('errors land in state as typed TokenHub errors', () => {
  const cases: Array<[string, () => void, UseImageGenerationOptions, (error: unknown) => boolean]> =
    [
      ['400', () => gateway.enqueueFault('400'), {}, TokenHubAPIError.isInstance],
      ['401', () => gateway.enqueueFault('401'), {}, TokenHubAPIError.isInstance],
      [
        '500 after the retry budget',
        () => gateway.enqueueFault('500', '500'),
        { maxRetries: 1 },
        TokenHubAPIError.isInstance,
      ],
      ['html 502', () => gateway.enqueueFault('html-502'), {}, TokenHubAPIError.isInstance],
      [
        'empty choices',
        () => gateway.enqueueFault('empty-choices'),
        {},
        TokenHubNoImageError.isInstance,
      ],
      [
        'connection reset',
        () => gateway.enqueueFault('reset-before-headers'),
        {},
        TokenHubConnectionError.isInstance,
      ],
      [
        'timeout',
        () => gateway.enqueueFault('slow-headers'),
        { timeoutMs: 300 },
        TokenHubTimeoutError.isInstance,
      ],
    ];

  test.each(cases)('%s', async (_name, arrange, options, isExpected) => {
    arrange();
    const { result, calls } = setup(options);
    let rejection: unknown;
    await act(async () => {
      rejection = await result.current.generateAsync(text).catch((error: unknown) => error);
    });
    const state = result.current;
    expect(state).toMatchObject({
      status: 'error',
      isError: true,
      isPending: false,
      data: undefined,
      progress: 0,
    });
    expect(isExpected(state.error)).toBe(true);
    expect(TokenHubError.isInstance(state.error)).toBe(true);
    expect(rejection).toBe(state.error);
    expect(state.images).toEqual([]);
    expect(state.history).toEqual([]);
    expect(calls).toEqual(['error', 'settled']);
  });

  test('generate never throws; an invalid request fails fast and sends nothing', async () => {
    const { result } = setup();
    // @ts-expect-error n 9 is over the model's maximum: a type error, and rejected at run time
    const invalid = imageRequest('wan2.7-image-pro').text('x').n(9);
    expect(() => act(() => result.current.generate(invalid))).not.toThrow();
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(TokenHubValidationError);
    expect((result.current.error as TokenHubValidationError).issues[0]?.path).toContain('n');
    expect(gateway.requests).toHaveLength(0);
  });

  test('an invalid request after a success keeps the last result: bad input loses nothing', async () => {
    const { result } = setup();
    await act(async () => {
      await result.current.generateAsync(text);
    });
    const previous = result.current.data;
    expect(previous?.images).toHaveLength(1);
    const invalid = imageRequest('wan2.7-image-pro').text('x').size('4K').image(urlOf(previous));
    let rejection: unknown;
    act(() => {
      result.current.generateAsync(invalid).catch((error: unknown) => {
        rejection = error;
      });
    });
    // Rejected synchronously, before any state but status and error changes.
    expect(result.current.status).toBe('error');
    expect(result.current.error).toBeInstanceOf(TokenHubValidationError);
    expect((result.current.error as TokenHubValidationError).issues[0]?.path).toBe(
      'parameters.size',
    );
    expect(result.current.data).toBe(previous);
    expect(result.current.images).toEqual(previous?.images);
    expect(result.current.variables).toBe(invalid);
    expect(result.current.history).toHaveLength(1);
    await waitFor(() => expect(rejection).toBe(result.current.error));
    expect(gateway.requests).toHaveLength(1);
  });
});

/** The first image URL of a result (a loopback URL the mock gateway can read back). */
function urlOf(result: { images: { url: string }[] } | undefined): string {
  const url = result?.images[0]?.url;
  if (!url) throw new Error('the result has no image');
  return url;
}

describe('stop', () => {
  test('aborts the HTTP request and returns to idle synchronously, never an error', async () => {
    gateway.setLatency(3000);
    const { result, calls } = setup();
    let outcome: unknown;
    act(() => {
      result.current.generateAsync(text).catch((error: unknown) => {
        outcome = error;
      });
    });
    const recorded = await gateway.waitForRequest();
    act(() => result.current.stop());
    expect(result.current).toMatchObject({
      status: 'idle',
      isIdle: true,
      variables: undefined,
      error: undefined,
    });
    expect(await recorded.settled).toBe('aborted');
    await pass(50);
    expect(result.current.status).toBe('idle');
    expect((outcome as Error).name).toBe('AbortError');
    expect(calls).toEqual([]);
  });

  test('brings back the previous success and its data', async () => {
    const { result } = setup();
    await act(async () => {
      await result.current.generateAsync(withSeed(text, 1));
    });
    const before = result.current;
    gateway.setLatency(3000);
    act(() => result.current.generate(withSeed(text, 2)));
    expect(result.current.data).toBeUndefined();
    await gateway.waitForRequest((request) => seedOf(gateway, request.requestId) === 2);
    act(() => result.current.stop());
    expect(result.current).toMatchObject({
      status: 'success',
      data: before.data,
      variables: before.variables,
      progress: 1,
    });
  });

  test('during a retry wait: the next attempt is never sent', async () => {
    gateway.enqueueFault('503');
    const { result } = setup({
      client: clientFor(gateway, { retryBackoff: { initialDelayMs: 800, maxDelayMs: 800 } }),
      maxRetries: 2,
    });
    act(() => result.current.generate(text));
    await waitFor(() => expect(result.current.attempt).toBe(2));
    expect(gateway.requests).toHaveLength(1);
    expect(await gateway.requests[0]?.settled).toBe('completed');
    act(() => result.current.stop());
    expect(result.current.status).toBe('idle');
    await pass(1000);
    expect(gateway.requests).toHaveLength(1);
    expect(result.current.status).toBe('idle');
  });

  test('does nothing when nothing is pending', () => {
    const { result } = setup();
    const before = result.current;
    act(() => result.current.stop());
    expect(result.current).toBe(before);
  });
});

describe('latest wins', () => {
  test('a new generate aborts the pending run; only the latest result shows', async () => {
    gateway.setLatency(3000);
    const { result, calls } = setup();
    act(() => result.current.generate(withSeed(text, 1)));
    const first = await gateway.waitForRequest();
    gateway.setLatency(50);
    act(() => result.current.generate(withSeed(text, 2)));
    expect(await first.settled).toBe('aborted');
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(seedOf(gateway, result.current.data?.requestId)).toBe(2);
    expect(calls).toEqual(['success', 'settled']);
  });

  test('stop after a superseding generate restores the state from before both', async () => {
    gateway.setLatency(3000);
    const { result } = setup();
    act(() => result.current.generate(withSeed(text, 1)));
    act(() => result.current.generate(withSeed(text, 2)));
    act(() => result.current.stop());
    expect(result.current.status).toBe('idle');
  });
});

describe('reset', () => {
  test('aborts what is pending and goes back to idle', async () => {
    gateway.setLatency(3000);
    const { result, calls } = setup();
    act(() => result.current.generate(text));
    const recorded = await gateway.waitForRequest();
    act(() => result.current.reset());
    expect(result.current).toMatchObject({
      status: 'idle',
      variables: undefined,
      attempt: 0,
      elapsedMs: 0,
    });
    expect(await recorded.settled).toBe('aborted');
    expect(calls).toEqual([]);
  });

  test('clears data and error but keeps the history', async () => {
    const { result } = setup();
    await act(async () => {
      await result.current.generateAsync(text);
    });
    act(() => result.current.reset());
    expect(result.current).toMatchObject({ status: 'idle', data: undefined, error: undefined });
    expect(result.current.images).toEqual([]);
    expect(result.current.history).toHaveLength(1);
  });
});

describe('lifecycle', () => {
  test('unmount aborts the run in flight and nothing happens after it', async () => {
    gateway.setLatency(3000);
    let renders = 0;
    const calls: string[] = [];
    const { result, unmount } = renderHook(() => {
      renders += 1;
      return useImageGeneration({
        client: clientFor(gateway),
        onSuccess: () => calls.push('success'),
        onError: () => calls.push('error'),
        onSettled: () => calls.push('settled'),
      });
    });
    act(() => result.current.generate(text));
    const recorded = await gateway.waitForRequest();
    const rendersAtUnmount = renders;
    unmount();
    expect(await recorded.settled).toBe('aborted');
    await pass(400);
    expect(renders).toBe(rendersAtUnmount);
    expect(calls).toEqual([]);
  });

  test('StrictMode: one click sends one request, and the store survives the double effects', async () => {
    const { result, calls } = setup({}, true);
    await pass(20);
    act(() => result.current.generate(text));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(gateway.requests).toHaveLength(1);
    expect(calls).toEqual(['success', 'settled']);
  });

  test('without a client it says how to provide one', () => {
    expect(() => renderHook(() => useImageGeneration())).toThrow(/TokenHubProvider/);
  });
});

function Generator() {
  const { generate, stop, isPending, images, error, progress } = useImageGeneration();
  return (
    <div>
      <button type="button" onClick={() => generate(text)}>
        Generate
      </button>
      <button type="button" onClick={stop} disabled={!isPending}>
        Stop
      </button>
      {isPending && <progress value={progress} />}
      {error && <p role="alert">{error.message}</p>}
      {images.map((image) => (
        <img key={image.url} src={image.url} alt="generated" />
      ))}
    </div>
  );
}

describe('with the provider in a component', () => {
  test('clicking Generate shows the generated image', async () => {
    render(
      <TokenHubProvider baseURL={gateway.url}>
        <Generator />
      </TokenHubProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    expect(screen.getByRole('progressbar')).toBeTruthy();
    const image = await screen.findByRole('img', { name: 'generated' });
    expect(image.getAttribute('src')).toMatch(gateway.url);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  test('a client passed to the provider is used, and Stop cancels', async () => {
    gateway.setLatency(3000);
    render(
      <TokenHubProvider client={clientFor(gateway)}>
        <Generator />
      </TokenHubProvider>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    const recorded = await gateway.waitForRequest();
    fireEvent.click(screen.getByRole('button', { name: 'Stop' }));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(await recorded.settled).toBe('aborted');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
