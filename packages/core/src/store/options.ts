import type { TokenHubError } from '../errors.js';
import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import type { ImageRequestInput } from './request-input.js';
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
   * The duration the progress estimate assumes: a number, or a function of the request body. Default:
   * the scenario's typical latency (about 15 s per image, 60 s for a group of four).
   */
  expectedMs?: number | ((body: ImageRequestBody | undefined) => number);
}
