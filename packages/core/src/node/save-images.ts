/**
 * Saving generated images to disk before their signed links expire (about 24 hours).
 * @packageDocumentation
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Dispatcher } from 'undici';
import type { GeneratedImage, ImageGenerationResult } from '../types.js';
import { downloadImage } from './save/download.js';
import { TokenHubDownloadError } from './save/errors.js';
import { defaultFilename, expiryFromUrl, type FilenameInfo } from './save/filename.js';

export {
  type DownloadFailureReason,
  TokenHubDownloadError,
  TokenHubImageExpiredError,
} from './save/errors.js';
export type { FilenameInfo } from './save/filename.js';

/** Progress of one image, reported as bytes arrive and once when it is saved. */
export interface SaveProgress {
  /** Zero-based position of the image in the result. */
  index: number;
  /** Bytes written so far for this image. */
  bytesWritten: number;
  /** The size the storage announced (`Content-Length`), when it did. */
  totalBytes: number | undefined;
  /** True once the file is complete under its final name. */
  done: boolean;
}

/** Options of {@link saveImages}. */
export interface SaveImagesOptions {
  /** Target directory; created (recursively) when missing. Existing files of the same name are replaced. */
  dir: string;
  /** Names each file; default `<request id>-<n>.<ext>` (n from 1). Must return a plain file name. */
  filename?: (info: FilenameInfo) => string;
  /** Aborts every download in flight; temporary files are removed and the promise rejects with the abort reason. */
  signal?: AbortSignal;
  /** Called as bytes arrive and when each image is done. */
  onProgress?: (progress: SaveProgress) => void;
  /** Downloads running at once. Default 4. */
  concurrency?: number;
  /** Largest accepted image in bytes. Default 64 MiB. */
  maxBytes?: number;
  /** Extra attempts per image after a transient failure (connection, timeout, 408/429/5xx). Default 2. */
  retries?: number;
  /** Idle limit per attempt in ms (waiting for headers, or between body chunks). Default 60000. */
  timeoutMs?: number;
  /** An undici dispatcher (Agent, ProxyAgent) to download through; default undici's global one. */
  dispatcher?: Dispatcher;
}

/** One image saved to disk. */
export interface SavedImage {
  /** Zero-based position of the image in the result. */
  index: number;
  /** Absolute path of the file. */
  path: string;
  /** Bytes written. */
  bytes: number;
  /** The media type the storage sent, e.g. `image/png`. */
  contentType: string;
}

/** Images to save: a generation result, or its images (objects with a `url`, or bare URLs). */
export type SaveImagesInput =
  | Pick<ImageGenerationResult, 'images' | 'requestId'>
  | ReadonlyArray<Pick<GeneratedImage, 'url' | 'expiresAt'> | string>;

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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal.aborted) return fail(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      fail(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      done();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function normalize(input: SaveImagesInput): {
  requestId: string | undefined;
  images: { url: string; expiresAt: Date | undefined }[];
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

/**
 * Streams every image of a result to `dir` with undici, never holding a whole image in memory.
 * Each file is written to a temporary name and renamed when complete, so a failure never leaves a
 * half file. Transient failures are retried per image; an expired link (403, 404 or 410) rejects
 * with {@link TokenHubImageExpiredError} naming the image; a non-image content type, a non-http(s)
 * URL or an image over `maxBytes` rejects with {@link TokenHubDownloadError}. The first failure
 * stops the downloads still running (files already saved stay) and rejects the promise.
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
  const concurrency = positiveInteger('concurrency', options.concurrency, defaults.concurrency);
  const maxBytes = positiveInteger('maxBytes', options.maxBytes, defaults.maxBytes);
  const retries = positiveInteger('retries', options.retries, defaults.retries, 0);
  const timeoutMs = positiveInteger('timeoutMs', options.timeoutMs, defaults.timeoutMs);
  if (typeof options.dir !== 'string' || options.dir.length === 0) {
    throw new TypeError('saveImages: dir must be a non-empty directory path');
  }
  const { requestId, images } = normalize(input);
  options.signal?.throwIfAborted();
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });

  // One controller for the whole batch: the caller's abort and the first failure both stop every download.
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const saved: SavedImage[] = new Array(images.length);
  let next = 0;
  let failure: { error: unknown } | undefined;

  const saveOne = async (index: number): Promise<void> => {
    const image = images[index] as { url: string; expiresAt: Date | undefined };
    const report = (bytesWritten: number, totalBytes: number | undefined, done: boolean) =>
      options.onProgress?.({ index, bytesWritten, totalBytes, done });
    for (let attempt = 0; ; attempt++) {
      try {
        const file = await downloadImage({
          index,
          url: image.url,
          requestId,
          expiresAt: image.expiresAt,
          dir,
          filename: options.filename ?? defaultFilename,
          maxBytes,
          timeoutMs,
          signal: stop.signal,
          dispatcher: options.dispatcher,
          onBytes: (bytes, total) => report(bytes, total, false),
        });
        saved[index] = { index, ...file };
        report(file.bytes, file.bytes, true);
        return;
      } catch (error) {
        const retryable = TokenHubDownloadError.isInstance(error) && error.retryable;
        if (!retryable || attempt >= retries || stop.signal.aborted) throw error;
        await sleep(250 * 2 ** attempt, stop.signal);
      }
    }
  };

  const worker = async (): Promise<void> => {
    while (!failure && next < images.length) {
      const index = next++;
      try {
        await saveOne(index);
      } catch (error) {
        if (!failure) {
          failure = { error };
          stop.abort(error);
        }
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, images.length) }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  if (options.signal?.aborted) throw options.signal.reason;
  if (failure) throw failure.error;
  return saved;
}
