import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import {
  createHistoryRecord,
  DEFAULT_HISTORY_SIZE,
  dropExpiredRecords,
  type ImageHistoryEntry,
  type ImageHistoryRecord,
  isRecordExpired,
  nextExpiry,
  prependHistoryRecord,
  toHistoryEntries,
} from './history.js';
import type { ImageBytesCache } from './image-cache.js';
import { createKeptImages } from './kept-images.js';
import type { ImageGenerationStoreOptions } from './options.js';

/** setTimeout's largest delay; longer waits are done in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The settings the history reads, always the latest ones. */
export type HistorySettings = Pick<
  ImageGenerationStoreOptions,
  'historySize' | 'storage' | 'imageCache' | 'onImagesEvicted'
>;

/**
 * The persisted history of successful results: its records, its storage and the timer that flips
 * `isExpired`. It never touches storage until `load` (first subscribe or run), so creating it is
 * safe during render and on the server.
 */
export interface GenerationHistory {
  /** Whether the storage has been read (or the history cleared, which makes reading moot). */
  loaded(): boolean;
  /**
   * Reads the storage once, dropping expired records (and removing them from storage); later calls
   * do nothing. Returns whether the history now holds anything to show.
   */
  load(): boolean;
  /** Puts a result received at `receivedAt` in front and saves. */
  add(result: ImageGenerationResult, body: ImageRequestBody | undefined, receivedAt: number): void;
  /** Empties the history, its storage and the kept image bytes. */
  clear(): void;
  /** The entries to show at `now`, with `isExpired` derived. */
  entries(now: number): ImageHistoryEntry[];
  /** Calls `onExpire` once, when the next entry expires; replaces any earlier schedule. */
  scheduleExpiry(onExpire: () => void): void;
  /** Cancels the expiry timer (nobody is listening any more). */
  cancelExpiry(): void;
}

/** Why an entry's bytes were dropped on a full cache. */
const EVICTED_REASON = 'Dropped to make room for newer images in a full image cache.';
/** Why an entry whose bytes were being saved when the page went away keeps its link only. */
const UNSAVED_REASON = 'The page closed while saving: only the link is kept.';
/** Why an entry whose kept bytes vanished (site data cleared) keeps its link only. */
const LOST_REASON = 'The kept bytes are gone: only the link is kept.';

/**
 * A history over the settings `settings()` returns at each use. `changed` is called when the
 * entries change on their own (kept bytes saved, restored or evicted), after a run or a load.
 */
export function createGenerationHistory(
  settings: () => HistorySettings,
  changed: () => void = () => undefined,
): GenerationHistory {
  let records: ImageHistoryRecord[] = [];
  let loaded = false;
  // Records whose kept bytes are being read back from the cache; they wait, unshown, if expired.
  const restoring = new Set<string>();
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  // The cache in use since the history loaded (like `storage`, later options do not switch it).
  let imageCache: ImageBytesCache | undefined;
  const isCurrent = (recordId: string): boolean => records.some((r) => r.id === recordId);
  const kept = createKeptImages(() => imageCache as ImageBytesCache, isCurrent);

  const size = (): number => settings().historySize ?? DEFAULT_HISTORY_SIZE;
  const save = (): void => {
    try {
      settings().storage?.save(records);
    } catch {
      // Storage full or unavailable: the history still lives in memory.
    }
  };
  /** Replaces the record `id` with its fields merged with `patch`. */
  const patch = (id: string, fields: Partial<ImageHistoryRecord>): void => {
    records = records.map((record) => (record.id === id ? { ...record, ...fields } : record));
  };
  /** Replaces the records, forgetting the kept bytes of those that left. */
  const replace = (next: ImageHistoryRecord[]): void => {
    if (imageCache) {
      for (const record of records) if (!next.includes(record)) kept.forget(record);
    }
    records = next;
  };

  /** Drops the bytes of the oldest kept record other than `keeping`; false when there is none. */
  const evictOldest = (keeping: string): boolean => {
    // Records are newest first: the last kept one is the oldest.
    const oldest = [...records].reverse().find((r) => r.keptBytes === 'kept' && r.id !== keeping);
    if (!oldest) return false;
    kept.forget(oldest);
    if (isRecordExpired(oldest, Date.now())) {
      records = records.filter((record) => record !== oldest);
    } else {
      patch(oldest.id, { keptBytes: 'evicted', keptBytesReason: EVICTED_REASON });
    }
    save();
    settings().onImagesEvicted?.([
      { ...oldest, keptBytes: 'evicted', keptBytesReason: EVICTED_REASON },
    ]);
    changed();
    return true;
  };

  /** Reads the images of `record` into the cache and records how that went. */
  const keepBytes = async (record: ImageHistoryRecord): Promise<void> => {
    const outcome = await kept.keep(record, evictOldest);
    if (outcome.status === 'gone' || !isCurrent(record.id)) return;
    if (outcome.status === 'kept') patch(record.id, { keptBytes: 'kept' });
    else patch(record.id, { keptBytes: 'link-only', keptBytesReason: outcome.reason });
    save();
    changed();
  };

  /**
   * Reads back the kept bytes of `wanted` (once per record at a time). A record whose bytes are
   * missing keeps its link only, and leaves the history if that link has expired.
   */
  const restoreBytes = async (wanted: readonly ImageHistoryRecord[]): Promise<void> => {
    const fresh = wanted.filter((record) => !restoring.has(record.id));
    if (fresh.length === 0) return;
    for (const record of fresh) restoring.add(record.id);
    const found = await Promise.all(fresh.map((record) => kept.restore(record)));
    for (const record of fresh) restoring.delete(record.id);
    const lost = new Set(fresh.filter((_, index) => !found[index]).map((r) => r.id));
    const now = Date.now();
    records = records
      .filter((record) => !(lost.has(record.id) && isRecordExpired(record, now)))
      .map((record) =>
        lost.has(record.id)
          ? { ...record, keptBytes: 'link-only' as const, keptBytesReason: LOST_REASON }
          : record,
      );
    if (lost.size > 0) save();
    changed();
  };

  const cancelExpiry = (): void => {
    clearTimeout(expiryTimer);
    expiryTimer = undefined;
  };

  return {
    loaded: () => loaded,
    load: () => {
      if (loaded) return false;
      loaded = true;
      const storage = settings().storage;
      if (!storage) return false;
      let stored: ImageHistoryRecord[];
      try {
        stored = storage.load();
      } catch {
        stored = [];
      }
      imageCache = settings().imageCache;
      // With a cache, an expired record whose bytes were kept stays: it is shown from the bytes.
      const live = dropExpiredRecords(stored, Date.now());
      const shown = imageCache
        ? stored.filter((record) => record.keptBytes === 'kept' || live.includes(record))
        : live;
      const restored = shown.slice(0, size()).map((record) =>
        // The page went away while the bytes were being saved: they may be partial.
        record.keptBytes === 'saving'
          ? { ...record, keptBytes: 'link-only' as const, keptBytesReason: UNSAVED_REASON }
          : record,
      );
      records = [...restored, ...records].slice(0, size());
      if (restored.length !== stored.length) save();
      const expiredKept = records.filter(
        (record) => record.keptBytes === 'kept' && isRecordExpired(record, Date.now()),
      );
      if (imageCache && expiredKept.length > 0) restoreBytes(expiredKept).catch(() => undefined);
      return records.length > 0;
    },
    add: (result, body, receivedAt) => {
      const record = createHistoryRecord(result, body, receivedAt);
      if (imageCache) record.keptBytes = 'saving';
      replace(prependHistoryRecord(records, record, size()));
      save();
      if (imageCache) keepBytes(record).catch(() => undefined);
    },
    clear: () => {
      loaded = true;
      imageCache ??= settings().imageCache;
      records = [];
      if (imageCache) kept.forgetAll();
      save();
    },
    entries: (now) => {
      if (!imageCache) return toHistoryEntries(records, now);
      const entries: ImageHistoryEntry[] = [];
      for (const record of toHistoryEntries(records, now)) {
        const urls = record.isExpired ? kept.objectURLs(record) : undefined;
        if (urls) {
          const images = record.result.images.map((image, index) => ({
            ...image,
            url: urls[index] ?? image.url,
          }));
          entries.push({ ...record, cached: true, result: { ...record.result, images } });
        } else if (record.isExpired && record.keptBytes === 'kept') {
          // Its links just expired (or the page loaded): read the bytes back; it shows once they are.
          restoreBytes([record]).catch(() => undefined);
        } else {
          entries.push(record);
        }
      }
      return entries;
    },
    scheduleExpiry: (onExpire) => {
      cancelExpiry();
      const next = nextExpiry(records, Date.now());
      if (next === undefined) return;
      expiryTimer = setTimeout(
        () => {
          expiryTimer = undefined;
          onExpire();
        },
        Math.min(Math.max(next - Date.now(), 0) + 1, MAX_TIMEOUT_MS),
      );
    },
    cancelExpiry,
  };
}
