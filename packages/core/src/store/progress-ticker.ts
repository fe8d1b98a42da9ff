import { estimateProgress } from './progress-estimate.js';

/** How often `elapsedMs` and `progress` update while pending. */
export const TICK_MS = 250;

/** Moves the elapsed time and the progress estimate of the pending run; at most one run at a time. */
export interface ProgressTicker {
  /**
   * Calls `onTick` every {@link TICK_MS} with the time since `startedAt` and the estimate for it,
   * until `stop`. Replaces any ticking already running.
   */
  start(
    startedAt: number,
    expectedMs: number,
    onTick: (elapsedMs: number, progress: number) => void,
  ): void;
  /** Stops ticking; no timer is left behind. */
  stop(): void;
}

/** A ticker over `setInterval`; it holds a timer only between `start` and `stop`. */
export function createProgressTicker(): ProgressTicker {
  let timer: ReturnType<typeof setInterval> | undefined;
  const stop = (): void => {
    clearInterval(timer);
    timer = undefined;
  };
  return {
    start: (startedAt, expectedMs, onTick) => {
      stop();
      timer = setInterval(() => {
        const elapsedMs = Date.now() - startedAt;
        onTick(elapsedMs, estimateProgress(elapsedMs, expectedMs));
      }, TICK_MS);
    },
    stop,
  };
}
