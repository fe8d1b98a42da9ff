import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import {
  createHistoryRecord,
  DEFAULT_HISTORY_SIZE,
  dropExpiredRecords,
  type ImageHistoryEntry,
  type ImageHistoryRecord,
  nextExpiry,
  prependHistoryRecord,
  toHistoryEntries,
} from './history.js';
import type { ImageCacheKeeper } from './image-cache.js';
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

/**
 * A history over the settings `settings()` returns at each use. `changed` is called when the
 * entries change on their own (the image cache saved, restored or evicted bytes).
 */
export function createGenerationHistory(
  settings: () => HistorySettings,
  changed: () => void = () => undefined,
): GenerationHistory {
  let records: ImageHistoryRecord[] = [];
  let loaded = false;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;
  // The image cache in use since the history loaded (like `storage`, later options do not switch it).
  let keeper: ImageCacheKeeper | undefined;

  const size = (): number => settings().historySize ?? DEFAULT_HISTORY_SIZE;
  const save = (): void => {
    try {
      settings().storage?.save(records);
    } catch {
      // Storage full or unavailable: the history still lives in memory.
    }
  };
  const attachCache = (): void => {
    keeper ??= settings().imageCache?.attach({
      records: () => records,
      update: (next) => {
        records = next;
        save();
        changed();
      },
      evicted: (evicted) => settings().onImagesEvicted?.(evicted),
    });
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
      attachCache();
      const now = Date.now();
      const shown = (keeper?.load(stored, now) ?? dropExpiredRecords(stored, now)).slice(0, size());
      records = [...shown, ...records].slice(0, size());
      if (shown.length !== stored.length) save();
      return records.length > 0;
    },
    add: (result, body, receivedAt) => {
      const created = createHistoryRecord(result, body, receivedAt);
      const record = keeper?.add(created) ?? created;
      const next = prependHistoryRecord(records, record, size());
      for (const left of records) if (!next.includes(left)) keeper?.forget(left);
      records = next;
      save();
    },
    clear: () => {
      loaded = true;
      attachCache();
      records = [];
      keeper?.clear();
      save();
    },
    entries: (now) => {
      const entries = toHistoryEntries(records, now);
      return keeper ? entries.flatMap((entry) => keeper?.show(entry) ?? []) : entries;
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
