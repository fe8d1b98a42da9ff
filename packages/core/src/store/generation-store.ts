import { createIdempotencyKey } from '../client/idempotency-key.js';
import { TokenHubValidationError } from '../errors.js';
import type { ImageGenerationResult, ImageRequestInput } from '../types.js';
import type { ValidationIssue } from '../validation/issue.js';
import type { ImageGenerationCallOptions, ImageGenerationClient } from './client-contract.js';
import { createGenerationHistory } from './generation-history.js';
import { createObservableState } from './observable-state.js';
import type { ImageGenerationStoreOptions } from './options.js';
import { requestBodyOf } from './request-input.js';
import { notifyRunCallbacks } from './run-callbacks.js';
import { createRunLifecycle } from './run-lifecycle.js';
import type { ImageGenerationRunState, ImageGenerationState } from './state.js';

/** A framework-agnostic, observable generation: one run at a time, latest wins. */
export interface ImageGenerationStore {
  /** Starts a run; never throws or rejects: the outcome lands in the state. Aborts a pending run first. */
  generate(request: ImageRequestInput): void;
  /**
   * Starts a run like `generate` and resolves with its result, or rejects with its `TokenHubError`.
   * A run that is stopped, reset or superseded rejects with the abort reason (an `AbortError`) and
   * leaves the state alone.
   */
  generateAsync(request: ImageRequestInput): Promise<ImageGenerationResult>;
  /**
   * Aborts the pending run (the HTTP request is cancelled) and synchronously puts back the state from
   * before that run; a stopped run never becomes an error. No-op when nothing is pending.
   */
  stop(): void;
  /** Aborts anything pending and returns to idle; clears data, error and variables (not the history). */
  reset(): void;
  /** Empties the history, its storage and the kept image bytes (`imageCache`). */
  clearHistory(): void;
  /** Registers a listener called after every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current state; the same object until something changes. */
  getSnapshot(): ImageGenerationState;
  /** The state for server rendering and hydration: idle, no history (storage is never read). */
  getServerSnapshot(): ImageGenerationState;
  /** Replaces the options (callbacks, retries, ...); `storage` and `imageCache` only count before the history loads. */
  setOptions(options: ImageGenerationStoreOptions): void;
  /** Replaces the client used by the next run. */
  setClient(client: ImageGenerationClient): void;
  /**
   * Aborts the pending run and stops every timer without notifying anyone (a component unmounts). The
   * store stays usable: a later `subscribe` or `generate` works again (React StrictMode re-mounts).
   */
  dispose(): void;
}

/**
 * The result with the validation warnings of its request: the client's own (`createTokenHubClient`
 * puts them there), else those of the store's check, so a client without them (a stand-in, a server
 * action wrapper) still delivers them.
 */
function withWarnings(
  result: ImageGenerationResult,
  warnings: ValidationIssue[] = [],
): ImageGenerationResult {
  return Array.isArray(result.warnings) ? result : { ...result, warnings };
}

/**
 * Creates a generation store over a client. Creating it has no side effect (no timer, no storage
 * access), so it is safe during render and on the server; the history loads on the first
 * `subscribe` or run.
 *
 * The store only wires its parts together: the observable state (snapshot and listeners), the run
 * lifecycle (latest wins, stop, the opt-in progress estimate), the persisted history (storage and
 * expiry timer), the storage's in-flight journal (which resumes a run after a reload) and the
 * user's callbacks.
 *
 * @example
 * ```ts
 * const store = createImageGenerationStore(createTokenHubClient({ baseURL: '/api/tokenhub' }));
 * store.subscribe(() => console.log(store.getSnapshot().status));
 * store.generate(imageRequest('wan2.7-image-pro').text('a red fox'));
 * ```
 */
export function createImageGenerationStore(
  client: ImageGenerationClient,
  options: ImageGenerationStoreOptions = {},
): ImageGenerationStore {
  let currentClient = client;
  let currentOptions = options;
  const state = createObservableState();
  const history = createGenerationHistory(
    () => currentOptions,
    // Kept bytes land after the run settled (saved, restored, evicted): show them.
    () => commit(state.run(), true),
  );

  /** Commits a run state, with the history's current entries when it changed. */
  const commit = (run: ImageGenerationRunState, historyChanged = false, silent = false): void => {
    if (!state.set(run, historyChanged ? history.entries(Date.now()) : undefined, silent)) return;
    if (historyChanged) watchExpiry();
  };

  /** While someone listens, re-derives the history when its next entry expires. */
  const watchExpiry = (): void => {
    if (state.observed()) history.scheduleExpiry(() => commit(state.run(), true));
    else history.cancelExpiry();
  };

  const loadHistory = (): void => {
    if (history.load()) commit(state.run(), true);
  };

  // Runs in flight are journaled by a persistent storage (its `inFlight`) before they are sent, so
  // a page that reloads resumes them.
  const journal = () => currentOptions.storage?.inFlight;
  /** The run `key` is over; one `cancelled` is ended for good, at the proxy too. */
  const ended = (key: string, cancelled: boolean): void => {
    journal()?.remove(key);
    if (cancelled) {
      currentClient.cancelGeneration?.(key).catch(() => {
        // Best effort: the proxy may not know the key (an older run, or no proxy at all).
      });
    }
  };

  const runs = createRunLifecycle({
    current: state.run,
    commit,
    progress: () => currentOptions.progress,
    keep: history.add,
    settled: (outcome, variables) => notifyRunCallbacks(currentOptions, outcome, variables),
    ended,
  });

  const generateAsync = async (request: ImageRequestInput): Promise<ImageGenerationResult> => {
    loadHistory();
    const runClient = currentClient;
    const check = runClient.validate?.(request);
    if (check && !check.ok) {
      // Bad input loses nothing the user had: the last result stays in `data`, nothing is sent.
      const error = new TokenHubValidationError(check.errors, check.warnings);
      runs.refuse(request, error);
      throw error;
    }
    const body = requestBodyOf(request);
    const { maxRetries, timeoutMs } = currentOptions;
    const key = createIdempotencyKey();
    journal()?.add(key, body, Date.now());
    return runs.start({
      key,
      variables: request,
      body,
      call: ({ signal, onRetry }) => {
        const callOptions: ImageGenerationCallOptions = {
          signal,
          onRetry,
          idempotencyKey: key,
          maxRetries,
          timeoutMs,
        };
        return runClient
          .generateImages(request, callOptions)
          .then((result) => withWarnings(result, check?.warnings));
      },
    });
  };

  /** Picks up the run that was in flight when the page went away: the journal knows which. */
  const resumeInFlight = (): void => {
    if (runs.busy()) return;
    journal()?.resume(
      currentClient,
      (run, call) => {
        runs.start({ ...run, variables: run.request, body: run.request, call }).catch(() => {
          // The outcome is in the state, as for `generate`.
        });
      },
      ended,
    );
  };

  return {
    generate: (request) => {
      generateAsync(request).catch(() => {
        // The outcome is in the state; `generate` never rejects. A throwing callback is not lost
        // here: the callbacks report their own errors.
      });
    },
    generateAsync,
    stop: runs.stop,
    reset: runs.reset,
    clearHistory: () => {
      history.clear();
      commit(state.run(), true);
    },
    subscribe: (listener) => {
      const unsubscribe = state.subscribe(listener);
      if (history.loaded()) watchExpiry();
      else loadHistory();
      resumeInFlight();
      return () => {
        unsubscribe();
        if (!state.observed()) history.cancelExpiry();
      };
    },
    getSnapshot: state.snapshot,
    getServerSnapshot: () => state.serverSnapshot,
    setOptions: (next) => {
      currentOptions = next;
    },
    setClient: (next) => {
      currentClient = next;
    },
    dispose: () => {
      // Stops listening, not the generation: behind the proxy's ledger it goes on, and the next
      // store (a remount, a reload) resumes it from the journal.
      runs.dispose();
      history.cancelExpiry();
    },
  };
}
