import { createIdempotencyKey } from '../client/idempotency-key.js';
import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import { resultExpiresAt } from './expiry.js';
import { promptOf } from './request-input.js';

/** Default number of successful results kept in the history. */
export const DEFAULT_HISTORY_SIZE = 20;

/** One successful generation as kept in the history and in storage. */
export interface ImageHistoryRecord {
  /** Unique id of the entry (stable across reloads), usable as a React key. */
  id: string;
  /** The model that made the images, when known. */
  model: string | undefined;
  /** The prompt: every text item of the request, joined by a blank line. */
  prompt: string | undefined;
  /** The result as the client returned it. */
  result: ImageGenerationResult;
  /** When the result arrived, epoch milliseconds. */
  receivedAt: number;
  /**
   * When the image links stop working (the earliest image expiry: the URL's `Expires`, else 24 h after
   * receipt). A `Date`, like `GeneratedImage.expiresAt`.
   */
  expiresAt: Date;
  /**
   * Whether the browser keeps the bytes of the images (only with the store's `imageCache` option):
   * `'saving'` while they are fetched and stored, `'kept'` once every image is in the cache,
   * `'link-only'` when they could not be read or stored (see `keptBytesReason`), `'evicted'` when they
   * were dropped to make room for newer images (the cache was full). `undefined` without a cache.
   */
  keptBytes?: KeptBytesStatus;
  /** Why the bytes are not kept (`'link-only'` or `'evicted'`), in words. */
  keptBytesReason?: string;
}

/** See {@link ImageHistoryRecord.keptBytes}. */
export type KeptBytesStatus = 'saving' | 'kept' | 'link-only' | 'evicted';

/** A history entry as the state shows it: the record plus whether its links have expired. */
export interface ImageHistoryEntry extends ImageHistoryRecord {
  /** True once `expiresAt` has passed: the original image links no longer load. */
  isExpired: boolean;
  /**
   * True when the links have expired but the browser kept the bytes: each image's `url` is then an
   * object URL (`blob:`) of the kept bytes, which renders and downloads like the original. Only with
   * the store's `imageCache` option; without it (or without the bytes) an expired entry keeps its dead
   * links, and a reload drops it.
   */
  cached: boolean;
}

/**
 * A history record for a result received at `receivedAt`. The request only contributes model and
 * prompt. Its id is a random UUID, made by the client's own helper.
 */
export function createHistoryRecord(
  result: ImageGenerationResult,
  body: ImageRequestBody | undefined,
  receivedAt: number,
): ImageHistoryRecord {
  return {
    id: createIdempotencyKey(),
    model: body?.model,
    prompt: promptOf(body),
    result,
    receivedAt,
    expiresAt: new Date(resultExpiresAt(result, receivedAt)),
  };
}

/** The history with `record` in front, newest first, at most `size` entries. */
export function prependHistoryRecord(
  records: readonly ImageHistoryRecord[],
  record: ImageHistoryRecord,
  size: number,
): ImageHistoryRecord[] {
  return [record, ...records].slice(0, Math.max(0, size));
}

/** Whether the links of `record` no longer work at `now`. */
export function isRecordExpired(record: ImageHistoryRecord, now: number): boolean {
  return record.expiresAt.getTime() <= now;
}

/** The records whose links still work at `now`. */
export function dropExpiredRecords(
  records: readonly ImageHistoryRecord[],
  now: number,
): ImageHistoryRecord[] {
  return records.filter((record) => !isRecordExpired(record, now));
}

/** The records with `isExpired` derived for `now` (none served from kept bytes). */
export function toHistoryEntries(
  records: readonly ImageHistoryRecord[],
  now: number,
): ImageHistoryEntry[] {
  return records.map((record) => ({
    ...record,
    isExpired: isRecordExpired(record, now),
    cached: false,
  }));
}

/**
 * The earliest expiry still ahead of `now`, in epoch milliseconds, to know when `isExpired` next flips;
 * `undefined` if none.
 */
export function nextExpiry(
  records: readonly ImageHistoryRecord[],
  now: number,
): number | undefined {
  let next: number | undefined;
  for (const record of records) {
    const at = record.expiresAt.getTime();
    if (at > now && (next === undefined || at < next)) next = at;
  }
  return next;
}
