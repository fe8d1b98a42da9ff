import { type ImageHistoryRecord, imageCacheId, imageCacheIds } from './history.js';
import { type ImageBytesCache, isQuotaError } from './image-cache.js';

/** What keeping the bytes of a record came to. */
export type KeepOutcome =
  | { status: 'kept' }
  | { status: 'link-only'; reason: string }
  | { status: 'gone' };

/**
 * The bytes of history images in an {@link ImageBytesCache}, the Blobs read back from it for expired
 * entries (which the browser backs with the cache's files, not memory), and the object URLs that
 * show them. Object URLs are created
 * only when asked for (an expired entry) and revoked as soon as their record is forgotten, so their
 * number stays bounded by the history's size.
 */
export interface KeptImages {
  /**
   * Reads each image of `record` (same-origin, or a host that allows CORS) and stores it. On a full
   * cache, `evictOldest` is asked to drop the oldest other kept record (it returns false when there is
   * none) until the bytes fit. `gone` when `isCurrent` says the record left the history meanwhile.
   */
  keep(record: ImageHistoryRecord, evictOldest: (keeping: string) => boolean): Promise<KeepOutcome>;
  /** Loads the kept bytes of `record` from the cache; false when any image is missing. */
  restore(record: ImageHistoryRecord): Promise<boolean>;
  /** The object URLs of the kept images of `record`, in order, or `undefined` when not in memory. */
  objectURLs(record: ImageHistoryRecord): string[] | undefined;
  /** Revokes the object URLs of `record` and deletes its bytes (memory and cache). */
  forget(record: ImageHistoryRecord): void;
  /** Revokes every object URL and empties the cache. */
  forgetAll(): void;
}

/** Why a link can only be kept as a link: the words a `link-only` entry carries. */
function linkOnlyReason(error: unknown): string {
  if (error instanceof TypeError) {
    return 'The image host refuses CORS or is unreachable: only the link is kept.';
  }
  if (isQuotaError(error)) return 'The image cache is full: only the link is kept.';
  return `Not kept (${error instanceof Error ? error.message : String(error)}): only the link is kept.`;
}

/** Fetches the bytes behind `url`; rejects with a `TypeError` when CORS refuses. */
async function fetchBytes(url: string): Promise<Blob> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.blob();
}

/** Kept images over the cache `cache()` returns at each use; `isCurrent` tells live records apart. */
export function createKeptImages(
  cache: () => ImageBytesCache,
  isCurrent: (recordId: string) => boolean,
): KeptImages {
  const blobs = new Map<string, Blob[]>();
  const urls = new Map<string, string[]>();

  const revoke = (recordId: string): void => {
    for (const url of urls.get(recordId) ?? []) URL.revokeObjectURL(url);
    urls.delete(recordId);
  };

  /** Puts `blob`, dropping the oldest kept records while the cache says it is full. */
  const putMakingRoom = async (
    id: string,
    blob: Blob,
    keeping: string,
    evictOldest: (keeping: string) => boolean,
  ): Promise<void> => {
    for (;;) {
      try {
        await cache().put(id, blob);
        return;
      } catch (error) {
        if (!isQuotaError(error) || !evictOldest(keeping)) throw error;
      }
    }
  };

  return {
    keep: async (record, evictOldest) => {
      try {
        const images = await Promise.all(
          record.result.images.map((image) => fetchBytes(image.url)),
        );
        for (const [index, blob] of images.entries()) {
          if (!isCurrent(record.id)) break;
          await putMakingRoom(imageCacheId(record.id, index), blob, record.id, evictOldest);
        }
        if (!isCurrent(record.id)) {
          cache()
            .delete(imageCacheIds(record))
            .catch(() => undefined);
          return { status: 'gone' };
        }
        // Not held in memory: `restore` reads them back (disk-backed) when the links expire.
        return { status: 'kept' };
      } catch (error) {
        cache()
          .delete(imageCacheIds(record))
          .catch(() => undefined);
        return { status: 'link-only', reason: linkOnlyReason(error) };
      }
    },
    restore: async (record) => {
      try {
        const images = await Promise.all(imageCacheIds(record).map((id) => cache().get(id)));
        if (images.some((image) => image === undefined)) return false;
        blobs.set(record.id, images as Blob[]);
        return true;
      } catch {
        return false;
      }
    },
    objectURLs: (record) => {
      const kept = blobs.get(record.id);
      if (!kept) return undefined;
      let made = urls.get(record.id);
      if (!made) {
        made = kept.map((blob) => URL.createObjectURL(blob));
        urls.set(record.id, made);
      }
      return made;
    },
    forget: (record) => {
      revoke(record.id);
      blobs.delete(record.id);
      cache()
        .delete(imageCacheIds(record))
        .catch(() => undefined);
    },
    forgetAll: () => {
      for (const recordId of [...urls.keys()]) revoke(recordId);
      blobs.clear();
      cache()
        .clear()
        .catch(() => undefined);
    },
  };
}
