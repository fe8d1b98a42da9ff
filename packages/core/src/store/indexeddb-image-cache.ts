import { createImageCache, type ImageCache } from './image-cache.js';

/** Options of {@link indexedDBImageCache}. */
export interface IndexedDBImageCacheOptions {
  /** The IndexedDB database name; use different names for independent caches. Default `tokenhub-image-bytes`. */
  name?: string;
  /**
   * The most bytes the cache holds. A `put` that would pass it rejects with `QuotaExceededError`, as
   * the browser does when its own quota is full. Default: no cap of its own (the browser's quota).
   */
  maxBytes?: number;
}

/** The object store inside the database. */
const STORE = 'images';

/** What one key holds: the bytes and their size (summed for `maxBytes` without reading blobs). */
interface KeptImage {
  blob: Blob;
  size: number;
}

/** A request's outcome as a promise. */
function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * The store's {@link ImageCache} over IndexedDB (Blobs, no base64). Creating it touches nothing: the
 * database opens on first use, which the store only does in the browser (after a run or on first
 * subscribe), so it is safe to create during server rendering. Where `indexedDB` does not exist every
 * method rejects, and the store keeps the links only.
 *
 * @example
 * ```ts
 * const store = createImageGenerationStore(client, {
 *   storage: localStorageAdapter(),
 *   imageCache: indexedDBImageCache({ maxBytes: 200 * 1024 * 1024 }),
 * });
 * ```
 */
export function indexedDBImageCache(options: IndexedDBImageCacheOptions = {}): ImageCache {
  const name = options.name ?? 'tokenhub-image-bytes';
  const { maxBytes } = options;
  let opened: Promise<IDBDatabase> | undefined;

  const open = (): Promise<IDBDatabase> => {
    if (typeof indexedDB === 'undefined') {
      return Promise.reject(new Error('indexedDBImageCache: IndexedDB is not available here.'));
    }
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => {
        const database = request.result;
        // Another tab (or `deleteDatabase`) wants the database: let go, reopen on next use.
        database.onversionchange = () => {
          database.close();
          opened = undefined;
        };
        resolve(database);
      };
      request.onerror = () => {
        opened = undefined;
        reject(request.error);
      };
    });
    return opened;
  };

  /** Runs `work` in one transaction and resolves with its value once the transaction committed. */
  const transact = async <T>(
    mode: IDBTransactionMode,
    work: (store: IDBObjectStore, transaction: IDBTransaction) => Promise<T>,
  ): Promise<T> => {
    const transaction = (await open()).transaction(STORE, mode);
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error ?? new Error('aborted'));
    });
    try {
      const value = await work(transaction.objectStore(STORE), transaction);
      await done;
      return value;
    } catch (error) {
      done.catch(() => undefined);
      throw error;
    }
  };

  return createImageCache({
    put: (id, blob) =>
      transact('readwrite', async (store, transaction) => {
        if (maxBytes !== undefined) {
          const [kept, keys] = await Promise.all([
            settle(store.getAll() as IDBRequest<KeptImage[]>),
            settle(store.getAllKeys()),
          ]);
          const total = kept.reduce(
            (sum, image, index) => (keys[index] === id ? sum : sum + image.size),
            0,
          );
          if (total + blob.size > maxBytes) {
            transaction.abort();
            throw new DOMException(
              `indexedDBImageCache: ${blob.size} more bytes would pass maxBytes (${maxBytes}).`,
              'QuotaExceededError',
            );
          }
        }
        const image: KeptImage = { blob, size: blob.size };
        await settle(store.put(image, id));
      }),
    get: (id) =>
      transact('readonly', async (store) => {
        const image = (await settle(store.get(id))) as KeptImage | undefined;
        return image?.blob;
      }),
    delete: (ids) =>
      transact('readwrite', async (store) => {
        await Promise.all(ids.map((id) => settle(store.delete(id))));
      }),
    clear: () =>
      transact('readwrite', async (store) => {
        await settle(store.clear());
      }),
  });
}
