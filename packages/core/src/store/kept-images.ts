import { type ImageHistoryRecord, isRecordExpired } from './history.js';
import {
  type ImageBytesCache,
  type ImageCacheHistory,
  type ImageCacheKeeper,
  isQuotaError,
} from './image-cache.js';

/** Why an entry's bytes were dropped on a full cache. */
const EVICTED_REASON = 'Dropped to make room for newer images in a full image cache.';
/** Why an entry whose bytes were being saved when the page went away keeps its link only. */
const UNSAVED_REASON = 'The page closed while saving: only the link is kept.';
/** Why an entry whose kept bytes vanished (site data cleared) keeps its link only. */
const LOST_REASON = 'The kept bytes are gone: only the link is kept.';

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

/** The cache keys of every image of `record`: `{recordId}/{imageIndex}`. */
export function imageCacheIds(record: ImageHistoryRecord): string[] {
  return record.result.images.map((_, index) => `${record.id}/${index}`);
}

/**
 * Keeps the bytes of the images of `history` in `cache`: saved after each success, read back as Blobs
 * once the links expired (the browser backs them with the cache's files, not memory), and shown
 * through object URLs. Object URLs are created only for expired entries and revoked as soon as their
 * record is forgotten, so their number stays bounded by the history's size.
 */
export function createKeptImages(
  cache: ImageBytesCache,
  history: ImageCacheHistory,
): ImageCacheKeeper {
  const blobs = new Map<string, Blob[]>();
  const urls = new Map<string, string[]>();
  // Records whose kept bytes are being read back; they wait, unshown, while expired.
  const restoring = new Set<string>();

  const isCurrent = (recordId: string): boolean =>
    history.records().some((record) => record.id === recordId);
  /** The history with the record `id` replaced by `next(record)`, or dropped when that is undefined. */
  const updateRecord = (
    id: string,
    next: (record: ImageHistoryRecord) => ImageHistoryRecord | undefined,
  ): void => {
    history.update(
      history.records().flatMap((record) => (record.id === id ? (next(record) ?? []) : [record])),
    );
  };
  const deleteBytes = (record: ImageHistoryRecord): void => {
    cache.delete(imageCacheIds(record)).catch(() => undefined);
  };
  const revoke = (recordId: string): void => {
    for (const url of urls.get(recordId) ?? []) URL.revokeObjectURL(url);
    urls.delete(recordId);
    blobs.delete(recordId);
  };
  const forget = (record: ImageHistoryRecord): void => {
    revoke(record.id);
    deleteBytes(record);
  };

  /** Drops the bytes of the oldest kept record other than `keeping`; false when there is none. */
  const evictOldest = (keeping: string): boolean => {
    // Records are newest first: the last kept one is the oldest.
    const oldest = [...history.records()]
      .reverse()
      .find((record) => record.keptBytes === 'kept' && record.id !== keeping);
    if (!oldest) return false;
    forget(oldest);
    const evicted = { ...oldest, keptBytes: 'evicted' as const, keptBytesReason: EVICTED_REASON };
    // An expired record without its bytes shows nothing: it leaves the history.
    updateRecord(oldest.id, () => (isRecordExpired(oldest, Date.now()) ? undefined : evicted));
    history.evicted([evicted]);
    return true;
  };

  /** Puts `blob`, dropping the oldest kept records while the cache says it is full. */
  const put = async (id: string, blob: Blob, keeping: string): Promise<void> => {
    for (;;) {
      try {
        await cache.put(id, blob);
        return;
      } catch (error) {
        if (!isQuotaError(error) || !evictOldest(keeping)) throw error;
      }
    }
  };

  /** Reads each image of `record` (same-origin, or a host that allows CORS) into the cache. */
  const keep = async (record: ImageHistoryRecord): Promise<void> => {
    let kept: Partial<ImageHistoryRecord> = { keptBytes: 'kept' };
    try {
      const images = await Promise.all(record.result.images.map((image) => fetchBytes(image.url)));
      const ids = imageCacheIds(record);
      for (const [index, blob] of images.entries()) {
        if (isCurrent(record.id)) await put(ids[index] as string, blob, record.id);
      }
    } catch (error) {
      kept = { keptBytes: 'link-only', keptBytesReason: linkOnlyReason(error) };
    }
    const current = isCurrent(record.id);
    if (!current || kept.keptBytes !== 'kept') deleteBytes(record);
    // Not held in memory: `restore` reads them back (disk-backed) when the links expire.
    if (current) updateRecord(record.id, (now) => ({ ...now, ...kept }));
  };

  /**
   * Reads the kept bytes of `record` back (once at a time). A record whose bytes are missing keeps
   * its link only, and leaves the history if that link has expired.
   */
  const restore = async (record: ImageHistoryRecord): Promise<void> => {
    if (restoring.has(record.id)) return;
    restoring.add(record.id);
    const images = await Promise.all(imageCacheIds(record).map((id) => cache.get(id))).catch(() => [
      undefined,
    ]);
    restoring.delete(record.id);
    const found = images.every((image) => image !== undefined);
    if (found) blobs.set(record.id, images as Blob[]);
    updateRecord(record.id, (now) =>
      found
        ? now
        : isRecordExpired(now, Date.now())
          ? undefined
          : { ...now, keptBytes: 'link-only', keptBytesReason: LOST_REASON },
    );
  };

  return {
    load: (stored, now) =>
      stored
        .filter((record) => record.keptBytes === 'kept' || !isRecordExpired(record, now))
        .map((record) =>
          // The page went away while the bytes were being saved: they may be partial.
          record.keptBytes === 'saving'
            ? { ...record, keptBytes: 'link-only', keptBytesReason: UNSAVED_REASON }
            : record,
        ),
    add: (record) => {
      const saving = { ...record, keptBytes: 'saving' as const };
      // Reads nothing of the history before its first fetch settled: by then the record is in.
      keep(saving).catch(() => undefined);
      return saving;
    },
    forget,
    clear: () => {
      for (const recordId of [...urls.keys()]) revoke(recordId);
      blobs.clear();
      cache.clear().catch(() => undefined);
    },
    show: (entry) => {
      if (!entry.isExpired) return entry;
      const kept = blobs.get(entry.id);
      if (kept) {
        let made = urls.get(entry.id);
        if (!made) {
          made = kept.map((blob) => URL.createObjectURL(blob));
          urls.set(entry.id, made);
        }
        const shown = made;
        const images = entry.result.images.map((image, index) => ({
          ...image,
          url: shown[index] ?? image.url,
        }));
        return { ...entry, cached: true, result: { ...entry.result, images } };
      }
      if (entry.keptBytes !== 'kept') return entry;
      // Its links just expired (or the page loaded): read the bytes back; it shows once they are.
      restore(entry).catch(() => undefined);
      return undefined;
    },
  };
}
