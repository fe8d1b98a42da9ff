import type { ImageGenerationResult, ImageRequestInput } from '../types.js';
import type { ValidationResult } from '../validation/issue.js';

/** What the store passes to the client for one run. */
export interface ImageGenerationCallOptions {
  /** Aborted by `stop`, `reset`, a newer `generate` and `dispose`. */
  signal?: AbortSignal;
  /** Per-attempt timeout of the store options; `undefined` for the client's own. */
  timeoutMs?: number;
  /** Retry budget of the store options; `undefined` for the client's own. */
  maxRetries?: number;
  /** Called by the client before each retry; the store counts the calls into `attempt`. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** The `Idempotency-Key` of the run, recorded before sending so a reload can resume it. */
  idempotencyKey?: string;
}

/**
 * The part of a TokenHub client the store uses; `createTokenHubClient(...)` satisfies it. Typed
 * structurally so another implementation (a test double, a server action wrapper) can stand in.
 */
export interface ImageGenerationClient {
  /** Runs one generation; rejects with a `TokenHubError`, or with the signal's reason once aborted. */
  generateImages(
    request: ImageRequestInput,
    options?: ImageGenerationCallOptions,
  ): Promise<ImageGenerationResult>;
  /**
   * Checks a request without sending it (`TokenHubClient.validate`). When present, an invalid
   * request is rejected before the store changes anything but `status` and `error`.
   */
  validate?(request: ImageRequestInput): ValidationResult;
  /**
   * Waits for a generation the proxy keeps, by its `Idempotency-Key`
   * (`TokenHubClient.getGeneration`). When present, a store resumes the run that was in flight
   * when the page went away.
   */
  getGeneration?(key: string, options?: { signal?: AbortSignal }): Promise<ImageGenerationResult>;
  /** Cancels a generation at the proxy (`TokenHubClient.cancelGeneration`); used by `stop()`. */
  cancelGeneration?(key: string): Promise<void>;
}
