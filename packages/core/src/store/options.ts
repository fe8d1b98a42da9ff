import type { TokenHubError } from '../errors.js';
import type { ImageGenerationResult, ImageRequestInput } from '../types.js';
import type { ProgressEstimate } from './estimated-progress.js';
import type { ImageHistoryRecord } from './history.js';
import type { ImageCache } from './image-cache.js';
import type { ImageHistoryStorage } from './storage.js';

/** Options of `createImageGenerationStore`; all can change later through `setOptions`. */
export interface ImageGenerationStoreOptions {
  /** Called after a run succeeds (never for a stopped or superseded run). */
  onSuccess?: (data: ImageGenerationResult, variables: ImageRequestInput) => void;
  /** Called after a run fails (never for a stopped or superseded run). */
  onError?: (error: TokenHubError, variables: ImageRequestInput) => void;
  /** Called after `onSuccess` or `onError`. */
  onSettled?: (
    data: ImageGenerationResult | undefined,
    error: TokenHubError | undefined,
    variables: ImageRequestInput,
  ) => void;
  /** Retry budget passed to the client per run (the client's default otherwise). */
  maxRetries?: number;
  /** Per-attempt timeout passed to the client per run (the client's default otherwise). */
  timeoutMs?: number;
  /** How many successful results the history keeps, newest first. Default 20. */
  historySize?: number;
  /** Where the history persists (e.g. `localStorageAdapter()`); read once, on first subscribe or run. */
  storage?: ImageHistoryStorage;
  /**
   * Where the browser keeps the bytes of history images (`indexedDBImageCache()`, or
   * `createImageCache(yourBytesCache)`), so entries still render and download once their links
   * expired (`cached: true`, object URLs). After each success the store reads every image
   * (same-origin, or a host that allows CORS) into the cache; a host that refuses CORS leaves the
   * entry `keptBytes: 'link-only'`. Used only in the browser, with `storage`, from the first
   * subscribe or run on; only counts before the history loads, like `storage`. The keeping logic
   * comes with the cache: an app that never creates one does not ship it.
   */
  imageCache?: ImageCache;
  /**
   * Called when the image cache was full and the bytes of older entries were dropped to make room
   * (those entries now say `keptBytes: 'evicted'`; expired ones leave the history).
   */
  onImagesEvicted?: (records: readonly ImageHistoryRecord[]) => void;
  /**
   * The progress estimate (`estimateProgress()`): while a run is pending, it moves `elapsedMs` and
   * `progress` 4 times a second. Without it `progress` is 0 until a success, `elapsedMs` is set
   * when the run settles and `expectedMs` is `undefined`; an app that shows no progress does not
   * ship the estimate.
   */
  progress?: ProgressEstimate;
}
