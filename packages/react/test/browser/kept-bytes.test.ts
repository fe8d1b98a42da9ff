import {
  createImageCache,
  createImageGenerationStore,
  createTokenHubClient,
  type ImageBytesCache,
  type ImageGenerationState,
  type ImageGenerationStore,
  type ImageGenerationStoreOptions,
  type ImageHistoryRecord,
  type ImageRequestBody,
  indexedDBImageCache,
  localStorageAdapter,
} from '@tokenhub/image-core';
import { afterEach, expect, inject, test } from 'vitest';
import groupGeneration from '../fixtures/group-generation.request.json' with { type: 'json' };
import textToImage from '../fixtures/text-to-image.request.json' with { type: 'json' };
import { PROXY_PREFIX } from './proxy-prefix';

// The real store and client in real Chromium (IndexedDB, Blobs, object URLs, <img>) against the
// real mock gateway of global-setup.ts, whose links die after `imageTtlMs`.
const gatewayURL = inject('gatewayURL');
const refusingGatewayURL = inject('refusingGatewayURL');
const imageTtlMs = inject('imageTtlMs');

// Every object URL the page holds: created and not yet revoked.
const liveObjectURLs = new Set<string>();
const createObjectURL = URL.createObjectURL.bind(URL);
const revokeObjectURL = URL.revokeObjectURL.bind(URL);
URL.createObjectURL = (object: Blob | MediaSource) => {
  const url = createObjectURL(object);
  liveObjectURLs.add(url);
  return url;
};
URL.revokeObjectURL = (url: string) => {
  liveObjectURLs.delete(url);
  revokeObjectURL(url);
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
let sequence = 0;
const stores: ImageGenerationStore[] = [];

afterEach(() => {
  for (const store of stores.splice(0)) store.dispose();
});

/** Names of a fresh history: its localStorage key and IndexedDB database. */
function freshNames(): { key: string; name: string } {
  sequence += 1;
  const tag = `${Date.now().toString(36)}-${sequence}`;
  return { key: `history-${tag}`, name: `bytes-${tag}` };
}

/** A subscribed store over a real client, keeping history in `key` and bytes in `name`. */
function openStore(
  names: { key: string; name: string },
  options: ImageGenerationStoreOptions = {},
  baseURL = gatewayURL,
): ImageGenerationStore {
  const store = createImageGenerationStore(createTokenHubClient({ baseURL, maxRetries: 0 }), {
    storage: localStorageAdapter({ key: names.key }),
    imageCache: indexedDBImageCache({ name: names.name }),
    ...options,
  });
  store.subscribe(() => undefined);
  stores.push(store);
  return store;
}

/** Resolves with the state once `predicate` holds (checked on every change). */
function until(
  store: ImageGenerationStore,
  predicate: (state: ImageGenerationState) => boolean,
  timeoutMs = 30_000,
): Promise<ImageGenerationState> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => {
      const state = store.getSnapshot();
      if (!predicate(state)) return false;
      unsubscribe();
      clearTimeout(timer);
      resolve(state);
      return true;
    };
    const unsubscribe = store.subscribe(check);
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out; history: ${JSON.stringify(store.getSnapshot().history)}`));
    }, timeoutMs);
    check();
  });
}

/**
 * Waits until every link of `records` has expired. `Expires` is in whole seconds (rounded down), so
 * the gateway may honour a link up to a second after the store counts it expired.
 */
async function pastExpiry(records: readonly ImageHistoryRecord[]): Promise<void> {
  const last = Math.max(...records.map((record) => record.expiresAt.getTime()));
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, last - Date.now()) + 1_300));
}

/** The natural width of the image at `url` once an <img> loaded it (0 when it does not render). */
async function renderedWidth(url: string): Promise<number> {
  const img = document.createElement('img');
  document.body.append(img);
  try {
    img.src = url;
    await img.decode().catch(() => undefined);
    return img.naturalWidth;
  } finally {
    img.remove();
  }
}

/** How many images the IndexedDB database `name` holds. */
async function keptCount(name: string): Promise<number> {
  const database = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  try {
    if (!database.objectStoreNames.contains('images')) return 0;
    const count = database.transaction('images').objectStore('images').count();
    return await new Promise<number>((resolve, reject) => {
      count.onsuccess = () => resolve(count.result);
      count.onerror = () => reject(count.error);
    });
  } finally {
    database.close();
  }
}

const oneImage = textToImage as ImageRequestBody;
const fourImages = groupGeneration as ImageRequestBody;

test('after the links expire and a reload, every history image renders and reads from the kept bytes', async () => {
  const names = freshNames();
  const first = openStore(names);
  await first.generateAsync(oneImage);
  await first.generateAsync(fourImages);
  const saved = await until(
    first,
    (state) => state.history.length === 2 && state.history.every((e) => e.keptBytes === 'kept'),
  );
  expect(saved.history.every((entry) => !entry.cached && !entry.isExpired)).toBe(true);
  expect(await keptCount(names.name)).toBe(5);
  const links = saved.history.flatMap((entry) => entry.result.images.map((image) => image.url));
  expect(links.every((link) => link.startsWith(gatewayURL))).toBe(true);

  await pastExpiry(saved.history);
  // The link is dead (asked past the HTTP cache, which may still hold the bytes).
  expect((await fetch(links[0] as string, { cache: 'no-store' })).status).toBe(410);
  first.dispose();

  // A reload: a new store over the same storage and cache.
  const second = openStore(names);
  const restored = await until(
    second,
    (state) => state.history.length === 2 && state.history.every((e) => e.cached),
  );
  expect(restored.history.map((entry) => entry.id)).toEqual(saved.history.map((entry) => entry.id));
  for (const entry of restored.history) {
    expect(entry.isExpired).toBe(true);
    for (const image of entry.result.images) {
      expect(image.url).toMatch(/^blob:/);
      expect(await renderedWidth(image.url)).toBeGreaterThan(0);
      const bytes = new Uint8Array(await (await fetch(image.url)).arrayBuffer());
      expect([...bytes.subarray(0, 4)]).toEqual(PNG_SIGNATURE);
    }
  }

  const blobURLs = restored.history.flatMap((entry) => entry.result.images.map((i) => i.url));
  second.clearHistory();
  expect(second.getSnapshot().history).toEqual([]);
  await until(second, () => true);
  await expect.poll(() => keptCount(names.name)).toBe(0);
  for (const url of blobURLs) expect(liveObjectURLs.has(url)).toBe(false);
});

test('a host that refuses CORS keeps the link only, and the entry says so', async () => {
  const names = freshNames();
  const store = openStore(names, {}, refusingGatewayURL);
  await store.generateAsync(oneImage);
  const state = await until(store, (s) => s.history[0]?.keptBytes === 'link-only');
  const [entry] = state.history;
  expect(entry?.keptBytesReason).toMatch(/CORS/);
  expect(entry?.cached).toBe(false);
  expect(entry?.result.images[0]?.url.startsWith(refusingGatewayURL)).toBe(true);
  // The link itself still renders in an <img> (no CORS needed for that) until it expires.
  expect(await renderedWidth(entry?.result.images[0]?.url as string)).toBeGreaterThan(0);
  expect(await keptCount(names.name)).toBe(0);
});

test('a full cache drops the oldest kept images and says so', async () => {
  const probe = freshNames();
  const probeStore = openStore(probe);
  await probeStore.generateAsync(oneImage);
  const probed = await until(probeStore, (s) => s.history[0]?.keptBytes === 'kept');
  const imageBytes = (
    await (await fetch(probed.history[0]?.result.images[0]?.url as string)).blob()
  ).size;

  const names = freshNames();
  const evicted: string[] = [];
  const store = createImageGenerationStore(createTokenHubClient({ baseURL: gatewayURL }), {
    storage: localStorageAdapter({ key: names.key }),
    // Room for one image of this request, not two.
    imageCache: indexedDBImageCache({ name: names.name, maxBytes: Math.floor(imageBytes * 1.5) }),
    onImagesEvicted: (records) => evicted.push(...records.map((record) => record.id)),
  });
  store.subscribe(() => undefined);
  stores.push(store);
  await store.generateAsync(oneImage);
  const older = (await until(store, (s) => s.history[0]?.keptBytes === 'kept')).history[0];
  await store.generateAsync(oneImage);
  const state = await until(
    store,
    (s) => s.history.length === 2 && s.history[0]?.keptBytes === 'kept',
  );
  expect(state.history[1]?.id).toBe(older?.id);
  expect(state.history[1]?.keptBytes).toBe('evicted');
  expect(state.history[1]?.keptBytesReason).toMatch(/full/);
  expect(evicted).toEqual([older?.id]);
  expect(await keptCount(names.name)).toBe(1);
});

test('object URLs stay bounded by the history across many generations that expire', async () => {
  const names = freshNames();
  const before = liveObjectURLs.size;
  const store = openStore(names, { historySize: 2 });
  for (let round = 0; round < 3; round++) {
    for (let run = 0; run < 3; run++) await store.generateAsync(oneImage);
    const kept = await until(
      store,
      (s) => s.history.length === 2 && s.history.every((e) => e.keptBytes === 'kept'),
    );
    await pastExpiry(kept.history);
    const shown = await until(store, (s) => s.history.every((e) => e.cached));
    const urls = shown.history.flatMap((entry) => entry.result.images.map((i) => i.url));
    expect(urls).toHaveLength(2);
    expect(liveObjectURLs.size - before).toBe(2);
    for (const url of urls) expect(liveObjectURLs.has(url)).toBe(true);
  }
  expect(await keptCount(names.name)).toBe(2);
  store.clearHistory();
  expect(liveObjectURLs.size).toBe(before);
  await expect.poll(() => keptCount(names.name)).toBe(0);
  expect(imageTtlMs).toBeGreaterThan(0);
});

test('through the same-origin proxy (rewriteImageURLs), expired entries render from the kept bytes', async () => {
  const names = freshNames();
  const first = openStore(names, {}, PROXY_PREFIX);
  // The links as the generation returned them: on a loaded machine they can expire before the
  // bytes are kept, and then the history already shows object URLs of the kept bytes.
  const links = (await first.generateAsync(fourImages)).images.map((image) => image.url);
  expect(links).toHaveLength(4);
  for (const link of links) expect(link.startsWith(`${PROXY_PREFIX}/v1/images/files/`)).toBe(true);
  const saved = await until(first, (s) => s.history[0]?.keptBytes === 'kept');
  // The store knows when the upstream links die, from the `upstream_image` the proxy kept.
  expect(saved.history[0]?.expiresAt.getTime()).toBeLessThan(Date.now() + imageTtlMs + 1_000);

  await pastExpiry(saved.history);
  // The link is dead (asked past the HTTP cache, which may still hold the bytes).
  expect((await fetch(links[0] as string, { cache: 'no-store' })).status).toBe(410);
  first.dispose();

  const second = openStore(names, {}, PROXY_PREFIX);
  const restored = await until(second, (s) => s.history[0]?.cached === true);
  for (const image of restored.history[0]?.result.images ?? []) {
    expect(image.url).toMatch(/^blob:/);
    expect(await renderedWidth(image.url)).toBeGreaterThan(0);
  }
});

test('createImageCache keeps the bytes in a store of your own, and they outlive the links', async () => {
  const names = freshNames();
  const blobs = new Map<string, Blob>();
  const ownBytes: ImageBytesCache = {
    put: async (id, blob) => {
      blobs.set(id, blob);
    },
    get: async (id) => blobs.get(id),
    delete: async (ids) => {
      for (const id of ids) blobs.delete(id);
    },
    clear: async () => blobs.clear(),
  };
  const imageCache = createImageCache(ownBytes);
  const first = openStore(names, { imageCache });
  await first.generateAsync(fourImages);
  const saved = await until(first, (s) => s.history[0]?.keptBytes === 'kept');
  const id = saved.history[0]?.id;
  expect([...blobs.keys()].sort()).toEqual([0, 1, 2, 3].map((index) => `${id}/${index}`));

  await pastExpiry(saved.history);
  first.dispose();
  const second = openStore(names, { imageCache });
  const restored = await until(second, (s) => s.history[0]?.cached === true);
  for (const image of restored.history[0]?.result.images ?? []) {
    expect(image.url).toMatch(/^blob:/);
    expect(await renderedWidth(image.url)).toBeGreaterThan(0);
  }
  second.clearHistory();
  await expect.poll(() => blobs.size).toBe(0);
});
