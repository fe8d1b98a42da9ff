import { TokenHubError, TokenHubValidationError } from '../errors.js';
import type { ImageGenerationResult, ImageRequestBody } from '../types.js';
import type { ValidationResult } from '../validation/issue.js';
import {
  createHistoryRecord,
  DEFAULT_HISTORY_SIZE,
  dropExpiredRecords,
  type ImageHistoryRecord,
  nextExpiry,
  prependHistoryRecord,
  toHistoryEntries,
} from './history.js';
import { estimateProgress, expectedLatencyMs } from './progress-estimate.js';
import { type ImageRequestInput, requestBodyOf } from './request-input.js';
import {
  deriveGenerationState,
  type ImageGenerationRunState,
  type ImageGenerationState,
  idleRunState,
  runStateOf,
} from './state.js';
import type { ImageHistoryStorage } from './storage.js';

/** What the store passes to the client for one run. */
export interface ImageGenerationCallOptions {
  /** Aborted by `stop`, `reset`, a newer `generate` and `dispose`. */
  signal?: AbortSignal;
  /** Per-attempt timeout, when set in the store options. */
  timeoutMs?: number;
  /** Retry budget, when set in the store options. */
  maxRetries?: number;
  /** Called by the client before each retry; the store counts the calls into `attempt`. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
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
}

/** Options of {@link createImageGenerationStore}; all can change later through `setOptions`. */
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
  /** Empties the history and its storage. */
  clearHistory(): void;
  /** Registers a listener called after every state change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** The current state; the same object until something changes. */
  getSnapshot(): ImageGenerationState;
  /** The state for server rendering and hydration: idle, no history (storage is never read). */
  getServerSnapshot(): ImageGenerationState;
  /** Replaces the options (callbacks, retries, ...); `storage` only counts before the history loads. */
  setOptions(options: ImageGenerationStoreOptions): void;
  /** Replaces the client used by the next run. */
  setClient(client: ImageGenerationClient): void;
  /**
   * Aborts the pending run and stops every timer without notifying anyone (a component unmounts). The
   * store stays usable: a later `subscribe` or `generate` works again (React StrictMode re-mounts).
   */
  dispose(): void;
}

/** How often `elapsedMs` and `progress` update while pending. */
const TICK_MS = 250;
/** setTimeout's largest delay; longer waits are done in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

interface Run {
  id: number;
  controller: AbortController;
  /** The run state to put back when this run is stopped. */
  before: ImageGenerationRunState;
}

function abortError(): Error {
  // DOMException is global in browsers and Node >= 17; its name is what callers check.
  return new DOMException('the generation was stopped', 'AbortError');
}

function toTokenHubError(error: unknown): TokenHubError {
  if (TokenHubError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TokenHubError(message, { cause: error });
}

function sameRunState(a: ImageGenerationRunState, b: ImageGenerationRunState): boolean {
  return (
    a.status === b.status &&
    a.data === b.data &&
    a.error === b.error &&
    a.variables === b.variables &&
    a.startedAt === b.startedAt &&
    a.elapsedMs === b.elapsedMs &&
    a.attempt === b.attempt &&
    a.progress === b.progress &&
    a.expectedMs === b.expectedMs
  );
}

/**
 * Creates a generation store over a client. Creating it has no side effect (no timer, no storage
 * access), so it is safe during render and on the server; the history loads on the first
 * `subscribe` or run.
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
  const listeners = new Set<() => void>();
  const serverSnapshot = deriveGenerationState(idleRunState, []);
  let snapshot = serverSnapshot;
  let records: ImageHistoryRecord[] = [];
  let historyLoaded = false;
  let run: Run | undefined;
  let runCount = 0;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let expiryTimer: ReturnType<typeof setTimeout> | undefined;

  const notify = (): void => {
    for (const listener of [...listeners]) listener();
  };

  /** Replaces the run state and/or history; a new snapshot only when something changed. */
  const commit = (
    runState: ImageGenerationRunState,
    historyChanged = false,
    silent = false,
  ): void => {
    if (!historyChanged && sameRunState(runState, snapshot)) return;
    const history = historyChanged ? toHistoryEntries(records, Date.now()) : snapshot.history;
    snapshot = deriveGenerationState(runState, history);
    if (historyChanged) scheduleExpiry();
    if (!silent) notify();
  };

  const saveHistory = (): void => {
    try {
      currentOptions.storage?.save(records);
    } catch {
      // Storage full or unavailable: the history still lives in memory.
    }
  };

  const loadHistory = (): void => {
    if (historyLoaded) return;
    historyLoaded = true;
    const storage = currentOptions.storage;
    if (!storage) return;
    let loaded: ImageHistoryRecord[];
    try {
      loaded = storage.load();
    } catch {
      loaded = [];
    }
    const kept = dropExpiredRecords(loaded, Date.now()).slice(0, historySize());
    records = [...kept, ...records].slice(0, historySize());
    if (kept.length !== loaded.length) saveHistory();
    if (records.length > 0) commit(runStateOf(snapshot), true);
  };

  const historySize = (): number => currentOptions.historySize ?? DEFAULT_HISTORY_SIZE;

  /** Flips `isExpired` when the next entry expires, while someone is listening. */
  function scheduleExpiry(): void {
    clearTimeout(expiryTimer);
    expiryTimer = undefined;
    if (listeners.size === 0) return;
    const next = nextExpiry(records, Date.now());
    if (next === undefined) return;
    expiryTimer = setTimeout(
      () => {
        expiryTimer = undefined;
        commit(runStateOf(snapshot), true);
      },
      Math.min(Math.max(next - Date.now(), 0) + 1, MAX_TIMEOUT_MS),
    );
  }

  const stopTicker = (): void => {
    clearInterval(ticker);
    ticker = undefined;
  };

  /** Ends the pending run: aborts its request and puts back the state from before it. */
  const endRun = (restore: ImageGenerationRunState | undefined, silent: boolean): void => {
    const ending = run;
    run = undefined;
    stopTicker();
    if (ending) {
      ending.controller.abort(abortError());
      commit(restore ?? ending.before, false, silent);
    } else if (restore) {
      commit(restore, false, silent);
    }
  };

  const isCurrent = (id: number): boolean => run?.id === id;

  const generateAsync = async (request: ImageRequestInput): Promise<ImageGenerationResult> => {
    loadHistory();
    // Latest wins: the superseded run is aborted and its outcome dropped; stopping this run must
    // bring back the state from before the superseded one, which never settled.
    const before = run ? run.before : runStateOf(snapshot);
    if (run) {
      run.controller.abort(abortError());
      run = undefined;
    }
    const check = currentClient.validate?.(request);
    if (check && !check.ok) {
      // Bad input loses nothing the user had: the last result stays in `data`, nothing is sent.
      stopTicker();
      const error = new TokenHubValidationError(check.errors, check.warnings);
      commit({ ...before, status: 'error', error, variables: request, progress: 0 });
      currentOptions.onError?.(error, request);
      currentOptions.onSettled?.(undefined, error, request);
      throw error;
    }
    const id = ++runCount;
    const controller = new AbortController();
    run = { id, controller, before };
    const body = requestBodyOf(request);
    const expected = currentOptions.expectedMs;
    const expectedMs = Math.max(
      1,
      typeof expected === 'function' ? expected(body) : (expected ?? expectedLatencyMs(body)),
    );
    const startedAt = Date.now();
    commit({
      status: 'pending',
      data: undefined,
      error: undefined,
      variables: request,
      startedAt,
      elapsedMs: 0,
      attempt: 1,
      progress: 0,
      expectedMs,
    });
    stopTicker();
    ticker = setInterval(() => {
      if (!isCurrent(id)) return stopTicker();
      const elapsedMs = Date.now() - startedAt;
      commit({
        ...runStateOf(snapshot),
        elapsedMs,
        progress: estimateProgress(elapsedMs, expectedMs),
      });
    }, TICK_MS);

    const { maxRetries, timeoutMs } = currentOptions;
    const callOptions: ImageGenerationCallOptions = {
      signal: controller.signal,
      onRetry: () => {
        if (isCurrent(id)) commit({ ...runStateOf(snapshot), attempt: snapshot.attempt + 1 });
      },
    };
    if (maxRetries !== undefined) callOptions.maxRetries = maxRetries;
    if (timeoutMs !== undefined) callOptions.timeoutMs = timeoutMs;

    let result: ImageGenerationResult;
    try {
      result = await currentClient.generateImages(request, callOptions);
    } catch (caught) {
      if (!isCurrent(id)) throw controller.signal.reason ?? caught;
      const error = toTokenHubError(caught);
      run = undefined;
      stopTicker();
      commit({
        ...runStateOf(snapshot),
        status: 'error',
        error,
        elapsedMs: Date.now() - startedAt,
        progress: 0,
      });
      currentOptions.onError?.(error, request);
      currentOptions.onSettled?.(undefined, error, request);
      throw error;
    }
    if (!isCurrent(id)) throw controller.signal.reason ?? abortError();
    run = undefined;
    stopTicker();
    const receivedAt = Date.now();
    records = prependHistoryRecord(
      records,
      createHistoryRecord(result, body, receivedAt),
      historySize(),
    );
    saveHistory();
    commit(
      {
        ...runStateOf(snapshot),
        status: 'success',
        data: result,
        elapsedMs: receivedAt - startedAt,
        progress: 1,
      },
      true,
    );
    currentOptions.onSuccess?.(result, request);
    currentOptions.onSettled?.(result, undefined, request);
    return result;
  };

  return {
    generate: (request) => {
      generateAsync(request).catch(() => {
        // The outcome is in the state; `generate` never rejects.
      });
    },
    generateAsync,
    stop: () => endRun(undefined, false),
    reset: () => endRun(idleRunState, false),
    clearHistory: () => {
      historyLoaded = true;
      records = [];
      saveHistory();
      commit(runStateOf(snapshot), true);
    },
    subscribe: (listener) => {
      listeners.add(listener);
      if (historyLoaded) scheduleExpiry();
      else loadHistory();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          clearTimeout(expiryTimer);
          expiryTimer = undefined;
        }
      };
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => serverSnapshot,
    setOptions: (next) => {
      currentOptions = next;
    },
    setClient: (next) => {
      currentClient = next;
    },
    dispose: () => {
      endRun(undefined, true);
      clearTimeout(expiryTimer);
      expiryTimer = undefined;
    },
  };
}
