/**
 * Saving generated images to disk before their signed links expire (about 24 hours).
 * @packageDocumentation
 */
import { resolve } from 'node:path';
import type { GeneratedImage, ImageGenerationResult } from '../types.js';
import { type ImageToSave, runSaveBatch, type SaveBatchOptions } from './save/batch.js';
import { defaultFilename, expiryFromUrl } from './save/filename.js';
import type {
  SavedImage,
  SaveImageOutcome,
  SaveImagesInput,
  SaveImagesOptions,
} from './save/types.js';

export {
  type DownloadFailureReason,
  TokenHubDownloadError,
  TokenHubImageExpiredError,
} from '../download-errors.js';
export type { FilenameInfo } from './save/filename.js';
export type {
  SavedImage,
  SaveImageError,
  SaveImageOutcome,
  SaveImagesInput,
  SaveImagesOptions,
  SaveProgress,
} from './save/types.js';

const defaults = { concurrency: 4, maxBytes: 64 * 1024 * 1024, retries: 2, timeoutMs: 60_000 };

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  min = 1,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(`saveImages: ${name} must be an integer >= ${min}, got ${String(value)}`);
  }
  return value;
}

function normalize(input: SaveImagesInput): {
  requestId: string | undefined;
  images: ImageToSave[];
} {
  const list = Array.isArray(input)
    ? (input as ReadonlyArray<Pick<GeneratedImage, 'url' | 'expiresAt'> | string>)
    : (input as Pick<ImageGenerationResult, 'images'>).images;
  const requestId = Array.isArray(input)
    ? undefined
    : (input as Pick<ImageGenerationResult, 'requestId'>).requestId;
  return {
    requestId,
    images: list.map((item) => {
      const url = typeof item === 'string' ? item : item.url;
      const expiresAt = typeof item === 'string' ? undefined : item.expiresAt;
      return { url, expiresAt: expiresAt ?? expiryFromUrl(url) };
    }),
  };
}

function checkedDir(dir: unknown): string {
  if (typeof dir !== 'string' || dir.length === 0) {
    throw new TypeError('saveImages: dir must be a non-empty directory path');
  }
  return resolve(dir);
}

/** Checks the options (a `TypeError` naming the option) and the input, before any I/O. */
function prepare(
  input: SaveImagesInput,
  options: SaveImagesOptions,
  mode: SaveBatchOptions['mode'],
): { requestId: string | undefined; images: ImageToSave[]; batch: SaveBatchOptions } {
  const batch: SaveBatchOptions = {
    ...options,
    concurrency: positiveInteger('concurrency', options.concurrency, defaults.concurrency),
    maxBytes: positiveInteger('maxBytes', options.maxBytes, defaults.maxBytes),
    retries: positiveInteger('retries', options.retries, defaults.retries, 0),
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs, defaults.timeoutMs),
    filename: options.filename ?? defaultFilename,
    dir: checkedDir(options.dir),
    mode,
  };
  options.signal?.throwIfAborted();
  return { ...normalize(input), batch };
}

/**
 * Streams every image of a result to `dir` with undici, never holding a whole image in memory.
 * Each file is written to a temporary name and renamed once every download of the call has ended,
 * so a failure never leaves a half file and two images never share a name. Transient failures are
 * retried per image with the client's backoff; an expired link (403, 404 or 410) rejects with
 * {@link TokenHubImageExpiredError} naming the image; every other failure rejects with
 * {@link TokenHubDownloadError} and its `reason` (`file-system` for the local disk, never retried;
 * `duplicate-filename` when two images would get one name). The first failure stops the downloads
 * still running (files already complete stay) and rejects the promise: use
 * {@link saveImagesSettled} to save every image that can be saved.
 *
 * @returns the saved files in the order of the images.
 * @example
 * const result = await client.generateImages(request);
 * const saved = await saveImages(result, { dir: './out' });
 * for (const file of saved) console.log(file.path, file.bytes);
 */
export async function saveImages(
  input: SaveImagesInput,
  options: SaveImagesOptions,
): Promise<SavedImage[]> {
  const { requestId, images, batch } = prepare(input, options, 'fail-fast');
  const { outcomes, firstFailure } = await runSaveBatch(images, requestId, batch);
  if (firstFailure) throw firstFailure.error;
  return outcomes.map((outcome) => {
    // Without a failure, every image was saved.
    if (outcome?.status !== 'saved') throw new Error('saveImages: an image has no outcome');
    return outcome.file;
  });
}

/**
 * Like {@link saveImages}, but one image's failure does not stop the others: every image that can
 * be saved is saved, and the promise resolves with each image's outcome, in image order
 * (`{ index, status: 'saved', file }` or `{ index, status: 'failed', error }`). So one expired link
 * costs that image only. It rejects only for bad options or when `signal` aborts (files already
 * complete stay).
 *
 * @example
 * const outcomes = await saveImagesSettled(result, { dir: './out' });
 * for (const outcome of outcomes) {
 *   if (outcome.status === 'saved') console.log(outcome.file.path);
 *   else console.error(`image ${outcome.index + 1}: ${outcome.error.message}`);
 * }
 */
export async function saveImagesSettled(
  input: SaveImagesInput,
  options: SaveImagesOptions,
): Promise<SaveImageOutcome[]> {
  const { requestId, images, batch } = prepare(input, options, 'settled');
  const { outcomes } = await runSaveBatch(images, requestId, batch);
  return outcomes.map((outcome, index) => {
    if (!outcome) throw new Error(`saveImagesSettled: image ${index + 1} has no outcome`);
    return outcome;
  });
}
