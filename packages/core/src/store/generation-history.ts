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
import type { ImageGenerationStoreOptions } from './options.js';

/** setTimeout's largest delay; longer waits are done in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** The settings the history reads, always the latest ones. */
export type HistorySettings = Pick<ImageGenerationStoreOptions, 'historySize' | 'storage'>;

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
  /** Empties the history and its storage. */
  clear(): void;
  /** The entries to show at `now`, with `isExpired` derived. */
  entries(now: number): ImageHistoryEntry[];
  /** Calls `onExpire` once, when the next entry expires; replaces any earlier schedule. */
  scheduleExpiry(onExpire: () => void): void;
  /** Cancels the expiry timer (nobody is listening any more). */
  cancelExpiry(): void;
}

/** A history over the settings `settings()` returns at each use. */
export function createGenerationHistory(settings: () => HistorySettings): GenerationHistory {
  let records: ImageHistoryRecord[] = [];
  let loaded = false;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  const size = (): number => settings().historySize ?? DEFAULT_HISTORY_SIZE;
  const save = (): void => {
    try {
      settings().storage?.save(records);
    } catch {
      // Storage full or unavailable: the history still lives in memory.
    }
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
      const kept = dropExpiredRecords(stored, Date.now()).slice(0, size());
      records = [...kept, ...records].slice(0, size());
      if (kept.length !== stored.length) save();
      return records.length > 0;
    },
    add: (result, body, receivedAt) => {
      records = prependHistoryRecord(
        records,
        createHistoryRecord(result, body, receivedAt),
        size(),
      );
      save();
    },
    clear: () => {
      loaded = true;
      records = [];
      save();
    },
    entries: (now) => toHistoryEntries(records, now),
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
