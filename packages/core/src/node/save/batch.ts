/**
 * Saving the images of one call: downloads run `concurrency` at a time, each retried with the
 * client's backoff, into temporary files; only when every download has settled are the complete
 * ones renamed to their final names. Waiting for the end is what lets two images that would share
 * a name be caught before either is written, whichever of them arrives first.
 */
import { mkdir, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { computeBackoffMs } from '../../client/retry.js';
import { TokenHubDownloadError, TokenHubImageExpiredError } from '../../download-errors.js';
import { sleep } from '../../shared/abort.js';
import { type DownloadedFile, downloadImage } from './download.js';
import { fileSystemFailure } from './failure.js';
import type { FilenameInfo } from './filename.js';
import { NameClaims } from './name-claims.js';
import type { SaveImageError, SaveImageOutcome, SaveImagesOptions } from './types.js';

/** One image to save. */
export interface ImageToSave {
  url: string;
  expiresAt: Date | undefined;
}

/** Checked options of one batch. */
export interface SaveBatchOptions
  extends Pick<
    SaveImagesOptions,
    'signal' | 'onProgress' | 'dispatcher' | 'retryBackoff' | 'concurrency'
  > {
  /** Absolute directory. */
  dir: string;
  filename: (info: FilenameInfo) => string;
  concurrency: number;
  maxBytes: number;
  retries: number;
  timeoutMs: number;
  /** `fail-fast`: the first failure stops the other downloads; `settled`: every image is tried. */
  mode: 'fail-fast' | 'settled';
}

/** What one batch ended with. */
export interface SaveBatchResult {
  /** The outcome of each image that got one, by index (fail-fast leaves the unstarted ones empty). */
  outcomes: (SaveImageOutcome | undefined)[];
  /** In fail-fast mode, the failure that stopped the batch. */
  firstFailure: { error: unknown } | undefined;
}

function asSaveImageError(image: { index: number; url: string }, error: unknown): SaveImageError {
  if (TokenHubDownloadError.isInstance(error) || TokenHubImageExpiredError.isInstance(error)) {
    return error;
  }
  // Only a bug of ours (or a throwing onProgress) gets here; still report it per image.
  const detail = error instanceof Error ? error.message : String(error);
  return new TokenHubDownloadError(
    { ...image, reason: 'connection', message: `the download failed: ${detail}` },
    { cause: error },
  );
}

function duplicateName(
  image: { index: number; url: string },
  otherIndex: number,
  name: string,
): TokenHubDownloadError {
  const [first, second] = [image.index, otherIndex].sort((a, b) => a - b) as [number, number];
  return new TokenHubDownloadError({
    ...image,
    reason: 'duplicate-filename',
    otherIndex,
    message: `images ${first + 1} and ${second + 1} would both be saved as "${name}" (names are compared ignoring letter case), so neither is written; give each image its own name in the filename option`,
  });
}

/**
 * Saves `images` and returns every outcome; rejects only with the caller's abort reason. Files that
 * are complete when the batch ends are kept, also after a failure or an abort.
 */
export async function runSaveBatch(
  images: readonly ImageToSave[],
  requestId: string | undefined,
  options: SaveBatchOptions,
): Promise<SaveBatchResult> {
  // One controller for the whole batch: the caller's abort and, in fail-fast mode, the first failure.
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const outcomes: (SaveImageOutcome | undefined)[] = Array.from(images, () => undefined);
  const downloaded = new Map<number, DownloadedFile>();
  const claims = new NameClaims();
  // Images that lost their name to a clash: image -> the other image.
  const clashes = new Map<number, { otherIndex: number; name: string }>();
  let firstFailure: { error: unknown } | undefined;
  let dirReady: Promise<void> | undefined;
  const ensureDir = () => {
    dirReady ??= mkdir(options.dir, { recursive: true }).then(() => undefined);
    return dirReady;
  };

  const fail = (index: number, error: unknown): void => {
    const image = { index, url: (images[index] as ImageToSave).url };
    if (options.mode === 'fail-fast') {
      if (!firstFailure && !stop.signal.aborted) {
        firstFailure = { error };
        stop.abort(error);
      }
      return;
    }
    if (!stop.signal.aborted) {
      outcomes[index] = { index, status: 'failed', error: asSaveImageError(image, error) };
    }
  };

  const report = (
    index: number,
    bytesWritten: number,
    totalBytes: number | undefined,
    done = false,
  ) => options.onProgress?.({ index, bytesWritten, totalBytes, done });

  const saveOne = async (index: number): Promise<DownloadedFile> => {
    const image = images[index] as ImageToSave;
    for (let attempt = 0; ; attempt++) {
      try {
        return await downloadImage({
          index,
          url: image.url,
          requestId,
          expiresAt: image.expiresAt,
          dir: options.dir,
          filename: options.filename,
          claimName: (name) => {
            const other = claims.claim(index, name);
            if (other === undefined) return;
            clashes.set(other, { otherIndex: index, name });
            throw duplicateName({ index, url: image.url }, other, name);
          },
          ensureDir,
          maxBytes: options.maxBytes,
          timeoutMs: options.timeoutMs,
          signal: stop.signal,
          dispatcher: options.dispatcher,
          onBytes: (bytes, total) => report(index, bytes, total),
        });
      } catch (error) {
        const retryable = TokenHubDownloadError.isInstance(error) && error.retryable;
        if (!retryable || attempt >= options.retries || stop.signal.aborted) throw error;
        // The client's jittered backoff: many savers that failed together do not retry together.
        await sleep(computeBackoffMs(attempt, options.retryBackoff), stop.signal);
      }
    }
  };

  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < images.length) {
      const index = next++;
      try {
        downloaded.set(index, await saveOne(index));
      } catch (error) {
        fail(index, error);
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency, images.length) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }

  // Every name is known now: move the complete files into place, in image order.
  for (const [index, file] of [...downloaded].sort(([a], [b]) => a - b)) {
    const image = { index, url: (images[index] as ImageToSave).url };
    const clash = clashes.get(index);
    if (clash) {
      await unlink(file.temporary).catch(() => undefined);
      fail(index, duplicateName(image, clash.otherIndex, clash.name));
      continue;
    }
    const path = join(options.dir, file.name);
    try {
      await rename(file.temporary, path);
    } catch (error) {
      await unlink(file.temporary).catch(() => undefined);
      outcomes[index] = { index, status: 'failed', error: fileSystemFailure(image, error) };
      if (options.mode === 'fail-fast') firstFailure ??= { error: outcomes[index].error };
      continue;
    }
    const saved = { index, path, bytes: file.bytes, contentType: file.contentType };
    outcomes[index] = { index, status: 'saved', file: saved };
    report(index, file.bytes, file.bytes, true);
  }
  if (options.signal?.aborted) throw options.signal.reason;
  return { outcomes, firstFailure };
}
