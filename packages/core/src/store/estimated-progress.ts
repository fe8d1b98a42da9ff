/**
 * The progress estimate, an opt-in of the store (`progress: estimateProgress()`): it moves
 * `elapsedMs` and `progress` of a pending run on a timer. The gateway reports no real progress, so
 * this is a time-based guess; an app that shows none does not ship it.
 */
import type { ImageRequestBody } from '../types.js';
import { expectedLatencyMs, progressAt } from './progress-estimate.js';

/** How often `elapsedMs` and `progress` update while pending. */
export const TICK_MS = 250;

/** Options of {@link estimateProgress}. */
export interface EstimateProgressOptions {
  /**
   * The duration the estimate assumes, in milliseconds: a number, or a function of the request body.
   * Default: the scenario's typical latency (a single edit about 25 s, a text-to-image about 60 s,
   * each further image a third more, an image set or anything longer 120 s).
   */
  expectedMs?: number | ((body: ImageRequestBody | undefined) => number);
}

/**
 * How the store estimates the progress of a pending run (its `progress` option); made by
 * {@link estimateProgress}.
 */
export interface ProgressEstimate {
  /** The duration the estimate assumes for a run of `body`, in milliseconds (at least 1). */
  expectedMs(body: ImageRequestBody | undefined): number;
  /**
   * Calls `onTick` every {@link TICK_MS} with the time since `startedAt` and the estimate for it,
   * until the returned function is called (then no timer is left behind).
   */
  track(
    startedAt: number,
    expectedMs: number,
    onTick: (elapsedMs: number, progress: number) => void,
  ): () => void;
}

/**
 * A time-based progress estimate for the store's `progress` option: while a run is pending, its
 * `elapsedMs` and `progress` move 4 times a second, `progress` linear up to 0.9 at `expectedMs`,
 * then creeping towards 0.99; only a success sets it to 1. Without it, `progress` is 0 until a
 * success and `elapsedMs` is set once the run settles.
 *
 * @example
 * ```ts
 * const store = createImageGenerationStore(client, { progress: estimateProgress() });
 * // or useImageGeneration({ progress: estimateProgress({ expectedMs: 30_000 }) })
 * ```
 */
export function estimateProgress(options: EstimateProgressOptions = {}): ProgressEstimate {
  return {
    expectedMs: (body) => {
      const option = options.expectedMs;
      const expected =
        typeof option === 'function' ? option(body) : (option ?? expectedLatencyMs(body));
      return Math.max(1, expected);
    },
    track: (startedAt, expectedMs, onTick) => {
      const timer = setInterval(() => {
        const elapsedMs = Date.now() - startedAt;
        onTick(elapsedMs, progressAt(elapsedMs, expectedMs));
      }, TICK_MS);
      return () => clearInterval(timer);
    },
  };
}
