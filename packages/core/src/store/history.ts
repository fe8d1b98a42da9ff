import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import { resultExpiresAt } from './expiry.js';
import { promptOf } from './in-flight.js';

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
}

/** A history entry as the state shows it: the record plus whether its links have expired. */
export interface ImageHistoryEntry extends ImageHistoryRecord {
  /** True once `expiresAt` has passed: the image URLs no longer load. */
  isExpired: boolean;
}

let sequence = 0;

/** A history record for a result received at `receivedAt`. The request only contributes model and prompt. */
export function createHistoryRecord(
  result: ImageGenerationResult,
  body: ImageRequestBody | undefined,
  receivedAt: number,
): ImageHistoryRecord {
  sequence += 1;
  return {
    id: `${receivedAt.toString(36)}-${sequence.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
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

/** The records whose links still work at `now`. */
export function dropExpiredRecords(
  records: readonly ImageHistoryRecord[],
  now: number,
): ImageHistoryRecord[] {
  return records.filter((record) => record.expiresAt.getTime() > now);
}

/** The records with `isExpired` derived for `now`. */
export function toHistoryEntries(
  records: readonly ImageHistoryRecord[],
  now: number,
): ImageHistoryEntry[] {
  return records.map((record) => ({ ...record, isExpired: record.expiresAt.getTime() <= now }));
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
