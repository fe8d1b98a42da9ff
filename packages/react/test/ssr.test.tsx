// @vitest-environment node
import {
  createImageCache,
  createTokenHubClient,
  type ImageCache,
  type ImageHistoryStorage,
  imageRequest,
  indexedDBImageCache,
  localStorageAdapter,
} from '@tokenhub/image-core';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { TokenHubProvider, useImageGeneration } from '../src/index.js';

function Generator() {
  const { status, isPending, history, images, progress, generate } = useImageGeneration({
    // Creating the adapters during a server render must not touch localStorage or IndexedDB.
    storage: localStorageAdapter(),
    imageCache: indexedDBImageCache(),
  });
  return (
    <section>
      <p>status: {status}</p>
      <p>pending: {String(isPending)}</p>
      <p>progress: {progress}</p>
      <p>history: {history.length}</p>
      <p>images: {images.length}</p>
      <button type="button" onClick={() => generate(imageRequest('wan2.7-image-pro').text('x'))}>
        Generate
      </button>
    </section>
  );
}

function WithStorage({
  storage,
  imageCache,
}: {
  storage: ImageHistoryStorage;
  imageCache?: ImageCache;
}) {
  const { status } = useImageGeneration(imageCache ? { storage, imageCache } : { storage });
  return <p>{status}</p>;
}

describe('server rendering', () => {
  test('renderToString works with the proxy provider, without window or localStorage', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof localStorage).toBe('undefined');
    const html = renderToString(
      <TokenHubProvider baseURL="/api/tokenhub">
        <Generator />
      </TokenHubProvider>,
    );
    expect(html).toContain('status: <!-- -->idle');
    expect(html).toContain('pending: <!-- -->false');
    expect(html).toContain('history: <!-- -->0');
  });

  test('a storage adapter is never read while rendering on the server', () => {
    let reads = 0;
    const storage = {
      load: () => {
        reads += 1;
        return [];
      },
      save: () => undefined,
    };
    const html = renderToString(
      <TokenHubProvider client={createTokenHubClient({ baseURL: '/api/tokenhub' })}>
        <WithStorage storage={storage} />
      </TokenHubProvider>,
    );
    expect(html).toContain('idle');
    expect(reads).toBe(0);
  });

  test('an image cache is never used while rendering on the server', () => {
    const calls: string[] = [];
    const imageCache = createImageCache({
      put: async (id) => void calls.push(`put ${id}`),
      get: async (id) => {
        calls.push(`get ${id}`);
        return undefined;
      },
      delete: async () => void calls.push('delete'),
      clear: async () => void calls.push('clear'),
    });
    // An expired entry whose bytes were kept: loading it would read the cache.
    const kept = {
      id: 'kept',
      model: 'wan2.7-image-pro',
      prompt: 'x',
      result: {
        images: [{ url: 'https://images.example/a.png', choiceIndex: 0 }],
        usage: {},
        requestId: undefined,
        finished: true,
        raw: {},
        warnings: [],
      },
      receivedAt: 0,
      expiresAt: new Date(1),
      keptBytes: 'kept' as const,
    };
    const storage = { load: () => [kept], save: () => undefined };
    const html = renderToString(
      <TokenHubProvider client={createTokenHubClient({ baseURL: '/api/tokenhub' })}>
        <WithStorage storage={storage} imageCache={imageCache} />
      </TokenHubProvider>,
    );
    expect(html).toContain('idle');
    expect(calls).toEqual([]);
  });

  test('without IndexedDB (a server), the IndexedDB cache refuses with a clear error', async () => {
    expect(typeof indexedDB).toBe('undefined');
    const cache = indexedDBImageCache();
    await expect(cache.get('x/0')).rejects.toThrow(/IndexedDB is not available/);
  });
});
