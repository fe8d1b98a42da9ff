import type { ImageRequestInput } from '../types.js';
import type { ImageGenerationStoreOptions } from './options.js';
import type { RunOutcome } from './run-lifecycle.js';

/**
 * Calls `onSuccess` or `onError`, then `onSettled`, each isolated as TanStack Query's
 * `MutationObserver#notify` does: a callback that throws never skips the next one and never reaches
 * the run (its state is already committed, its promise keeps its outcome); the error is reported
 * asynchronously instead, so it still shows in the console and in error trackers.
 */
export function notifyRunCallbacks(
  options: ImageGenerationStoreOptions,
  outcome: RunOutcome,
  variables: ImageRequestInput,
): void {
  if (outcome.error) isolated(() => options.onError?.(outcome.error, variables));
  else isolated(() => options.onSuccess?.(outcome.data, variables));
  isolated(() => options.onSettled?.(outcome.data, outcome.error, variables));
}

function isolated(callback: () => void): void {
  try {
    callback();
  } catch (error) {
    reportCallbackError(error);
  }
}

/**
 * Reports an error thrown by a user callback without throwing into the store: through `reportError`
 * where the platform has it (browsers: a window `error` event, the console and error trackers see it),
 * otherwise rethrown from a microtask (an uncaught exception, like an error thrown by a timer).
 */
export function reportCallbackError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof report === 'function') report(error);
  else
    queueMicrotask(() => {
      throw error;
    });
}
