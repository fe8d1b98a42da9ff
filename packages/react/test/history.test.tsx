import { act, renderHook, waitFor } from '@testing-library/react';
import { localStorageAdapter } from '@tokenhub/image-core';
import type { MockGateway } from '@tokenhub/mock-gateway';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { type UseImageGenerationOptions, useImageGeneration } from '../src/index.js';
import { clientFor, scenarios, seedOf, startGateway, withSeed } from './helpers.js';

// Image links on this gateway expire after 4 s, so expiry is observable within a test.
// Long enough that a loaded CI machine cannot expire a link between two steps of one test, short
// enough that the expiry tests wait only a few seconds.
const IMAGE_TTL_MS = 4000;
let gateway: MockGateway;
beforeAll(async () => {
  gateway = await startGateway({ imageTtlMs: IMAGE_TTL_MS });
});
afterEach(() => {
  gateway.reset();
  window.localStorage.clear();
});
afterAll(() => gateway.close());

const text = scenarios['text-to-image'];
const promptOf = (body: typeof text): unknown => {
  const item = body.input.messages[0]?.content[0];
  return item && 'text' in item ? item.text : undefined;
};

function renderGeneration(options: UseImageGenerationOptions = {}) {
  return renderHook(() => useImageGeneration({ client: clientFor(gateway), ...options }));
}

describe('history', () => {
  test('keeps successful results newest first, at most historySize, each with its expiry', async () => {
    const startedAt = Date.now();
    const { result } = renderGeneration({ historySize: 2 });
    for (const seed of [1, 2, 3]) {
      await act(async () => {
        await result.current.generateAsync(withSeed(text, seed));
      });
    }
    gateway.enqueueFault('400');
    await act(async () => {
      await result.current.generateAsync(withSeed(text, 4)).catch(() => undefined);
    });
    const history = result.current.history;
    expect(history.map((entry) => seedOf(gateway, entry.result.requestId))).toEqual([3, 2]);
    for (const entry of history) {
      expect(entry.isExpired).toBe(false);
      expect(entry.model).toBe(text.model);
      expect(entry.prompt).toBe(promptOf(text));
      // From the URL's Expires parameter (whole seconds, rounded down), not the 24 h fallback:
      // the server set it between the start of the test and the receipt of the answer (on a
      // loaded machine that can be seconds apart, so no bound leans on a short delay).
      expect(entry.expiresAt).toBeInstanceOf(Date);
      expect(entry.expiresAt.getTime()).toBeGreaterThan(startedAt + IMAGE_TTL_MS - 1000);
      expect(entry.expiresAt.getTime()).toBeLessThanOrEqual(entry.receivedAt + IMAGE_TTL_MS);
    }
    expect(new Set(history.map((entry) => entry.id)).size).toBe(2);
  });

  test('isExpired flips by itself when the link expires, and the link really stops working', async () => {
    const { result } = renderGeneration();
    await act(async () => {
      await result.current.generateAsync(text);
    });
    const [entry] = result.current.history;
    expect(entry?.isExpired).toBe(false);
    await waitFor(() => expect(result.current.history[0]?.isExpired).toBe(true), {
      timeout: IMAGE_TTL_MS + 4000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(
      entry?.expiresAt.getTime() ?? Number.POSITIVE_INFINITY,
    );
    await waitFor(
      async () => expect((await fetch(entry?.result.images[0]?.url ?? '')).status).toBe(410),
      { timeout: 3000 },
    );
  });

  test('clearHistory empties it', async () => {
    const { result } = renderGeneration();
    await act(async () => {
      await result.current.generateAsync(text);
    });
    act(() => result.current.clearHistory());
    expect(result.current.history).toEqual([]);
    expect(result.current.isSuccess).toBe(true);
  });
});

describe('localStorage persistence', () => {
  const key = 'test-history';

  test('the history survives a remount (a reload) through the localStorage adapter', async () => {
    const first = renderGeneration({ storage: localStorageAdapter({ key }) });
    await act(async () => {
      await first.result.current.generateAsync(withSeed(text, 7));
    });
    const saved = first.result.current.history;
    first.unmount();
    expect(window.localStorage.getItem(key)).toContain(saved[0]?.result.images[0]?.url);

    const second = renderGeneration({ storage: localStorageAdapter({ key }) });
    await waitFor(() => expect(second.result.current.history).toHaveLength(1));
    const restored = second.result.current.history[0];
    expect(restored?.id).toBe(saved[0]?.id);
    expect(restored?.expiresAt).toEqual(saved[0]?.expiresAt);
    expect(restored?.result.images[0]?.url).toBe(saved[0]?.result.images[0]?.url);
    expect(restored?.result.images[0]?.expiresAt).toBeInstanceOf(Date);
    expect(second.result.current.status).toBe('idle');

    // A new success goes in front of the restored one.
    await act(async () => {
      await second.result.current.generateAsync(withSeed(text, 8));
    });
    expect(second.result.current.history.map((e) => seedOf(gateway, e.result.requestId))).toEqual([
      8, 7,
    ]);
    second.unmount();
  });

  test('expired entries are dropped on load and removed from storage', async () => {
    const first = renderGeneration({ storage: localStorageAdapter({ key }) });
    await act(async () => {
      await first.result.current.generateAsync(text);
    });
    await waitFor(() => expect(first.result.current.history[0]?.isExpired).toBe(true), {
      timeout: IMAGE_TTL_MS + 4000,
    });
    first.unmount();
    expect(window.localStorage.getItem(key)).not.toBeNull();

    const second = renderGeneration({ storage: localStorageAdapter({ key }) });
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
    });
    expect(second.result.current.history).toEqual([]);
    expect(window.localStorage.getItem(key)).toBeNull();
  });
});
