import type { GeneratedImage } from '../types.js';
import type { ImageHistoryRecord } from './history.js';
import { createInFlightJournal, type InFlightJournal } from './in-flight.js';

/**
 * Where the generation history persists. `load` and `save` may throw (quota, private mode, disabled
 * storage); the store then keeps the history in memory only.
 */
export interface ImageHistoryStorage {
  /** The records saved last, newest first. */
  load(): ImageHistoryRecord[];
  /** Replace the saved records. */
  save(records: readonly ImageHistoryRecord[]): void;
  /**
   * The journal of generations in flight (optional): with it, a store created after a reload resumes
   * the generation that was running instead of losing it. `localStorageAdapter()` has one; give a
   * custom storage `createInFlightJournal({ read, write })`. Without it nothing is journaled (nothing
   * of the page would outlive it), and the journal's code is not shipped.
   */
  inFlight?: InFlightJournal;
}

/** Options of {@link localStorageAdapter}. */
export interface LocalStorageAdapterOptions {
  /** The `localStorage` key; use different keys for independent histories. Default `tokenhub-image-history`. */
  key?: string;
}

/**
 * A date from its persisted form: epoch milliseconds (how `expiresAt` of a record is stored) or an
 * ISO string (how JSON writes a `Date`, e.g. an image's `expiresAt`). `undefined` when invalid.
 */
function dateFrom(value: unknown): Date | undefined {
  if (typeof value !== 'number' && typeof value !== 'string') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * The persisted form of the records: JSON where a record's `expiresAt` stays in epoch milliseconds,
 * as every version wrote it, so an older version of an app still reads a newer version's history.
 */
export function serializeHistoryRecords(records: readonly ImageHistoryRecord[]): string {
  return JSON.stringify(
    records.map((record) => ({ ...record, expiresAt: record.expiresAt.getTime() })),
  );
}

/**
 * Turns persisted JSON back into records, skipping anything that does not look like one (other
 * formats, tampering). Reads what any version wrote: `expiresAt` in epoch milliseconds or as an ISO
 * string, results without `warnings`.
 */
export function parseHistoryRecords(json: string | null): ImageHistoryRecord[] {
  if (json === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  const records: ImageHistoryRecord[] = [];
  for (const item of value) {
    if (!isRecordShape(item)) continue;
    const expiresAt = dateFrom(item.expiresAt);
    if (!expiresAt) continue;
    const images = item.result.images.map(
      // JSON turned each image's Date into an ISO string; bring it back.
      (image) => ({ ...image, expiresAt: dateFrom(image.expiresAt) }) as GeneratedImage,
    );
    const warnings = Array.isArray(item.result.warnings) ? item.result.warnings : [];
    records.push({
      ...item,
      expiresAt,
      result: { ...item.result, images, warnings },
    } as ImageHistoryRecord);
  }
  return records;
}

interface StoredRecordShape {
  id: string;
  receivedAt: number;
  expiresAt: unknown;
  result: { images: Array<{ url: string; expiresAt?: unknown }>; warnings?: unknown };
}

function isRecordShape(item: unknown): item is StoredRecordShape {
  if (typeof item !== 'object' || item === null) return false;
  const record = item as Record<string, unknown>;
  const result = record.result as { images?: unknown } | undefined;
  return (
    typeof record.id === 'string' &&
    typeof record.receivedAt === 'number' &&
    typeof result === 'object' &&
    result !== null &&
    Array.isArray(result.images) &&
    result.images.every(
      (image: unknown) =>
        typeof image === 'object' &&
        image !== null &&
        typeof (image as { url?: unknown }).url === 'string',
    )
  );
}

/**
 * A history storage over `window.localStorage`. Creating it touches nothing: `localStorage` is read
 * only when the store loads or saves, which happens in the browser after mount, so the adapter is safe
 * to create during server rendering. Without `window` it loads nothing and saves nowhere.
 */
export function localStorageAdapter(options: LocalStorageAdapterOptions = {}): ImageHistoryStorage {
  const key = options.key ?? 'tokenhub-image-history';
  const storage = (): Storage | undefined =>
    typeof window === 'undefined' ? undefined : window.localStorage;
  const inFlightKey = `${key}:in-flight`;
  return {
    load: () => parseHistoryRecords(storage()?.getItem(key) ?? null),
    inFlight: createInFlightJournal({
      read: () => storage()?.getItem(inFlightKey) ?? null,
      write: (json) => {
        const target = storage();
        if (!target) return;
        if (json === null) target.removeItem(inFlightKey);
        else target.setItem(inFlightKey, json);
      },
    }),
    save: (records) => {
      const target = storage();
      if (!target) return;
      if (records.length === 0) target.removeItem(key);
      else target.setItem(key, serializeHistoryRecords(records));
    },
  };
}
