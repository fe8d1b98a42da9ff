import type { ImageHistoryEntry, ImageHistoryRecord } from './history.js';
import { createKeptImages } from './kept-images.js';

/**
 * Where an image cache keeps the bytes of history images. Keys are `{recordId}/{imageIndex}`. Every
 * method may reject; the store then keeps the link only. `put` rejects with a `DOMException` named
 * `QuotaExceededError` when the bytes do not fit: the store then drops the oldest kept images and
 * tries again. Turn one into the store's `imageCache` with {@link createImageCache}.
 */
export interface ImageBytesCache {
  /** Keeps `blob` under `id`, replacing what was there. */
  put(id: string, blob: Blob): Promise<void>;
  /** The bytes kept under `id`, or `undefined`. */
  get(id: string): Promise<Blob | undefined>;
  /** Forgets the bytes under each id (unknown ids are ignored). */
  delete(ids: readonly string[]): Promise<void>;
  /** Forgets every kept image. */
  clear(): Promise<void>;
}

/**
 * The store's `imageCache` option: an {@link ImageBytesCache} together with the logic that keeps the
 * bytes of history images in it (saving, eviction, reading back, object URLs). Made by
 * `indexedDBImageCache()` or {@link createImageCache}; that logic ships only in apps that import one
 * of them.
 */
export interface ImageCache extends ImageBytesCache {
  /** Connects the cache to one store's history; the store calls it once, in the browser. */
  attach(history: ImageCacheHistory): ImageCacheKeeper;
}

/** What an {@link ImageCache} sees of the history it keeps images for. */
export interface ImageCacheHistory {
  /** The records, newest first. */
  records(): readonly ImageHistoryRecord[];
  /** Replaces the records, saves them and shows them. */
  update(records: ImageHistoryRecord[]): void;
  /** Reports records whose bytes were dropped to make room (the store's `onImagesEvicted`). */
  evicted(records: readonly ImageHistoryRecord[]): void;
}

/** The history's side of an {@link ImageCache}, attached to one history. */
export interface ImageCacheKeeper {
  /** The stored records to show after a reload: those whose links work and those whose bytes were kept. */
  load(stored: readonly ImageHistoryRecord[], now: number): ImageHistoryRecord[];
  /** A new record as the history keeps it (`keptBytes: 'saving'`); its bytes are read in the background. */
  add(record: ImageHistoryRecord): ImageHistoryRecord;
  /** Deletes the bytes of a record that left the history. */
  forget(record: ImageHistoryRecord): void;
  /** Deletes every kept image. */
  clear(): void;
  /**
   * The entry to show: once expired, served from the kept bytes (`cached: true`); `undefined` while
   * those bytes are read back.
   */
  show(entry: ImageHistoryEntry): ImageHistoryEntry | undefined;
}

/** Whether `error` says the storage is full (the browser's quota or a cap of the cache's own). */
export function isQuotaError(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'QuotaExceededError';
}

/**
 * The store's `imageCache` over your own bytes storage (an S3-like service, the Cache API, memory
 * in tests). `indexedDBImageCache()` is this over IndexedDB.
 *
 * @example
 * ```ts
 * const store = createImageGenerationStore(client, {
 *   storage: localStorageAdapter(),
 *   imageCache: createImageCache(myBytesCache),
 * });
 * ```
 */
export function createImageCache(bytes: ImageBytesCache): ImageCache {
  return {
    put: (id, blob) => bytes.put(id, blob),
    get: (id) => bytes.get(id),
    delete: (ids) => bytes.delete(ids),
    clear: () => bytes.clear(),
    attach: (history) => createKeptImages(bytes, history),
  };
}
