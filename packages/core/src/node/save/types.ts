/** Public types of saving images (re-exported by `@tokenhub/image-core/node`). */
import type { Dispatcher } from 'undici';
import type { RetryBackoffOptions } from '../../client/retry.js';
import type { TokenHubDownloadError, TokenHubImageExpiredError } from '../../download-errors.js';
import type { GeneratedImage, ImageGenerationResult } from '../../types.js';
import type { FilenameInfo } from './filename.js';

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

/** Options of `saveImages` and `saveImagesSettled`. */
export interface SaveImagesOptions {
  /** Target directory; created (recursively) when missing. Existing files of the same name are replaced. */
  dir: string;
  /**
   * Names each file; default `<request id>-<n>.<ext>` (n from 1). Must return a plain file name of
   * at most 255 bytes (UTF-8), and a different one for every image of the call (compared ignoring
   * letter case): two images with one name are a `duplicate-filename` failure, neither is written.
   */
  filename?: (info: FilenameInfo) => string;
  /** Aborts every download in flight; temporary files are removed and the promise rejects with the abort reason. */
  signal?: AbortSignal;
  /** Called as bytes arrive and when each image is done. */
  onProgress?: (progress: SaveProgress) => void;
  /** Downloads running at once. Default 4. */
  concurrency?: number;
  /** Largest accepted image in bytes. Default 64 MiB. */
  maxBytes?: number;
  /**
   * Extra attempts per image after a transient failure (connection, timeout, or a status the
   * client also retries: 408, 409, 429, 5xx). Default 2.
   */
  retries?: number;
  /** The wait between attempts: the client's jittered exponential backoff (default 500 ms doubling, at most 8 s). */
  retryBackoff?: Pick<RetryBackoffOptions, 'initialDelayMs' | 'maxDelayMs'>;
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

/** Why one image was not saved: its link expired, or another {@link TokenHubDownloadError} reason. */
export type SaveImageError = TokenHubDownloadError | TokenHubImageExpiredError;

/** What became of one image in `saveImagesSettled`. */
export type SaveImageOutcome =
  | {
      /** Zero-based position of the image in the result. */
      index: number;
      /** The file is complete under its final name. */
      status: 'saved';
      /** The saved file. */
      file: SavedImage;
    }
  | {
      /** Zero-based position of the image in the result. */
      index: number;
      /** Nothing was written for this image. */
      status: 'failed';
      /** Why: `TokenHubImageExpiredError` (generate it again) or `TokenHubDownloadError` (see `reason`). */
      error: SaveImageError;
    };

/** Images to save: a generation result, or its images (objects with a `url`, or bare URLs). */
export type SaveImagesInput =
  | Pick<ImageGenerationResult, 'images' | 'requestId'>
  | ReadonlyArray<Pick<GeneratedImage, 'url' | 'expiresAt'> | string>;
