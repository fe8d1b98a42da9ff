import {
  createTokenHubClient,
  type FetchFunction,
  type RetryEvent,
  TokenHubTimeoutError,
} from '@tokenhub/image-core';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  clientFor,
  rejectionOf,
  textToImage,
  transports,
  useMockGateway,
} from './helpers.js';

const gateway = useMockGateway();

describe.each(transports)('abort and timeout over %s', (transport) => {
  it('an abort during the request rejects with the signal reason and closes the connection', async () => {
    gateway().setLatency(10_000);
    const controller = new AbortController();
    let retries = 0;
    const call = clientFor(transport, { baseURL: gateway().url }).generateImages(textToImage(), {
      signal: controller.signal,
      onRetry: () => retries++,
    });
    const received = await gateway().waitForRequest();
    const reason = new Error('user closed the dialog');
    controller.abort(reason);

    expect(await rejectionOf(call)).toBe(reason);
    expect(await received.settled).toBe('aborted');
    expect(received.outcome).toBe('aborted');
    expect(retries).toBe(0);
    expect(gateway().requests).toHaveLength(1);
  });

  it('abort() without a reason rejects with an AbortError DOMException', async () => {
    gateway().setLatency(10_000);
    const controller = new AbortController();
    const call = clientFor(transport, { baseURL: gateway().url }).generateImages(textToImage(), {
      signal: controller.signal,
    });
    await gateway().waitForRequest();
    controller.abort();
    const error = await rejectionOf(call);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('an abort during the wait between attempts ends the call at once, without another attempt', async () => {
    gateway().enqueueFault('503');
    const controller = new AbortController();
    const events: RetryEvent[] = [];
    const client = clientFor(transport, {
      baseURL: gateway().url,
      retryBackoff: { initialDelayMs: 60_000, maxDelayMs: 60_000 },
    });
    const call = client.generateImages(textToImage(), {
      signal: controller.signal,
      onRetry: (event) => {
        events.push(event);
        setTimeout(() => controller.abort(), 20);
      },
    });
    const startedWaiting = Date.now();
    const error = await rejectionOf(call);
    // The wait was 45..60 s; ending within a few seconds proves it was cut short.
    expect(Date.now() - startedWaiting).toBeLessThan(5_000);
    expect((error as DOMException).name).toBe('AbortError');
    expect(events).toHaveLength(1);
    expect(events[0]?.delayMs).toBeGreaterThanOrEqual(45_000);
    expect(gateway().requests).toHaveLength(1);
  });

  it('an already aborted signal sends nothing', async () => {
    const controller = new AbortController();
    controller.abort(new Error('too late'));
    const error = await rejectionOf(
      clientFor(transport, { baseURL: gateway().url }).generateImages(textToImage(), {
        signal: controller.signal,
      }),
    );
    expect((error as Error).message).toBe('too late');
    expect(gateway().requests).toHaveLength(0);
  });

  it('a slow answer times out per attempt, is retried, and the last timeout is thrown', async () => {
    // A second per attempt, not less: on a loaded machine an attempt can take a few hundred ms to
    // reach the gateway, and one that never got there would not be counted.
    gateway().setLatency(10_000);
    const events: RetryEvent[] = [];
    const error = await rejectionOf(
      clientFor(transport, { baseURL: gateway().url, timeoutMs: 20_000 }).generateImages(
        textToImage(),
        {
          timeoutMs: 1000,
          maxRetries: 1,
          onRetry: (event) => events.push(event),
        },
      ),
    );
    expect(TokenHubTimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      timeoutMs: 1000,
      retryable: true,
      message: 'the request timed out after 1000 ms',
    });
    expect(events).toHaveLength(1);
    expect(TokenHubTimeoutError.isInstance(events[0]?.error)).toBe(true);
    expect(gateway().requests).toHaveLength(2);
    const outcomes = await Promise.all(gateway().requests.map((request) => request.settled));
    expect(outcomes).toEqual(['aborted', 'aborted']);
  });

  it('a timeout on the first attempt is followed by a successful retry', async () => {
    gateway().enqueueFault('slow-headers');
    const result = await clientFor(transport, { baseURL: gateway().url }).generateImages(
      textToImage(),
      // slow-headers holds its answer 3 s; the retry must finish within the limit even on a busy
      // machine, so the limit sits as far above a normal answer as it can.
      { timeoutMs: 2500 },
    );
    expect(result.images).toHaveLength(1);
    // The first attempt timed out and a retry answered. Which retry depends on the machine: a CI
    // machine at full load once took over 2.5 s for a normal answer too, and the third one came.
    const outcomes = await Promise.all(gateway().requests.map((request) => request.settled));
    expect(outcomes.length).toBeGreaterThanOrEqual(2);
    expect(outcomes[0]).toBe('aborted');
    expect(outcomes.at(-1)).toBe('completed');
  });
});

describe('a custom fetch that ignores its signal', () => {
  const deafFetch: FetchFunction = (url, init) => globalThis.fetch(url, { ...init, signal: null });

  it('still times out at the limit', async () => {
    gateway().setLatency(3_000);
    const client = createTokenHubClient({
      apiKey: API_KEY,
      baseURL: gateway().url,
      fetch: deafFetch,
    });
    const error = await rejectionOf(
      client.generateImages(textToImage(), { timeoutMs: 150, maxRetries: 0 }),
    );
    expect(TokenHubTimeoutError.isInstance(error)).toBe(true);
  });

  it('still ends the call at once on abort', async () => {
    gateway().setLatency(3_000);
    const controller = new AbortController();
    const client = createTokenHubClient({
      apiKey: API_KEY,
      baseURL: gateway().url,
      fetch: deafFetch,
    });
    const call = client.generateImages(textToImage(), { signal: controller.signal });
    await gateway().waitForRequest();
    const reason = new Error('stop');
    controller.abort(reason);
    expect(await rejectionOf(call)).toBe(reason);
  });
});
