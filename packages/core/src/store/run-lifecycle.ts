import { TokenHubError } from '../errors.js';
import { abortReason } from '../shared/abort.js';
import type { ImageGenerationResult, ImageRequestBody, ImageRequestInput } from '../types.js';
import type { ProgressEstimate } from './estimated-progress.js';
import {
  failedRun,
  refusedRun,
  retriedRun,
  startedRun,
  succeededRun,
  tickedRun,
} from './run-transitions.js';
import { type ImageGenerationRunState, idleRunState } from './state.js';

/** How a run ended, as the callbacks see it. */
export type RunOutcome =
  | { readonly data: ImageGenerationResult; readonly error?: undefined }
  | { readonly data?: undefined; readonly error: TokenHubError };

/** One run to start: what the state shows and how the result is obtained. */
export interface RunPlan {
  /** The run's `Idempotency-Key`: what the proxy knows it by (to resume or cancel it). */
  key: string;
  /** The request as the caller passed it (`variables` in the state and the callbacks). */
  variables: ImageRequestInput;
  /** Its body, for the history (model, prompt); `undefined` when a builder could not produce one. */
  body: ImageRequestBody | undefined;
  /**
   * For a run picked up again after the page went away (`resumed` in the state): when it first
   * started, which it keeps. `undefined` for a new run, which starts now.
   */
  startedAt?: number;
  /** Obtains the result: rejects once `signal` aborts; calls `onRetry` before each retry. */
  call(control: { signal: AbortSignal; onRetry: () => void }): Promise<ImageGenerationResult>;
}

/** What the lifecycle needs from the store around it. */
export interface RunHost {
  /** The run part of the current state. */
  current(): ImageGenerationRunState;
  /** Replaces the run state (with the history's latest entries when `historyChanged`). */
  commit(run: ImageGenerationRunState, historyChanged?: boolean, silent?: boolean): void;
  /** The progress estimate to run while pending (the store's `progress` option), if any. */
  progress(): ProgressEstimate | undefined;
  /** Keeps a successful result in the history; the next commit shows it. */
  keep(result: ImageGenerationResult, body: ImageRequestBody | undefined, receivedAt: number): void;
  /** Tells the user's callbacks how the latest run ended. */
  settled(outcome: RunOutcome, variables: ImageRequestInput): void;
  /**
   * The run `key` is over: it settled, or `cancelled` by `stop`, `reset` or a newer run (then for
   * good, at the proxy too). A run cut off by `dispose` is not over: behind the proxy's ledger it
   * goes on, and the next store resumes it.
   */
  ended(key: string, cancelled: boolean): void;
}

/**
 * One run at a time, latest wins: starting a run aborts the pending one, whose outcome is then
 * dropped; stopping puts back the state from before the run.
 */
export interface RunLifecycle {
  /** True while a run is in flight. */
  busy(): boolean;
  /** Starts a run; resolves with its result, rejects with its `TokenHubError` or, once aborted, the abort reason. */
  start(plan: RunPlan): Promise<ImageGenerationResult>;
  /**
   * Ends the pending run and records a request refused before sending (`error` in the state, the
   * last result kept); calls `onError` and `onSettled`.
   */
  refuse(variables: ImageRequestInput, error: TokenHubError): void;
  /** Aborts the pending run and puts back the state from before it; no-op when nothing is pending. */
  stop(): void;
  /** Aborts anything pending and returns to idle. */
  reset(): void;
  /** Aborts the pending run and stops its progress estimate, telling nobody (an unmount). */
  dispose(): void;
}

interface ActiveRun {
  id: number;
  key: string;
  controller: AbortController;
  /** The run state to put back when this run is stopped. */
  before: ImageGenerationRunState;
  /** Stops its progress estimate's timer, when it has one. */
  stopProgress?: () => void;
}

function toTokenHubError(error: unknown): TokenHubError {
  if (TokenHubError.isInstance(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new TokenHubError(message, { cause: error });
}

/** The run lifecycle over a host. */
export function createRunLifecycle(host: RunHost): RunLifecycle {
  let active: ActiveRun | undefined;
  let runCount = 0;

  const isCurrent = (id: number): boolean => active?.id === id;

  /** Ends the active run's bookkeeping: it settled (`cancelled` false) or was aborted. */
  const finish = (cancelled: boolean | undefined): ActiveRun | undefined => {
    const ending = active;
    active = undefined;
    ending?.stopProgress?.();
    if (cancelled !== undefined && ending) host.ended(ending.key, cancelled);
    return ending;
  };

  /**
   * Aborts the pending run, whose outcome is then dropped, and cancels it unless the store is only
   * disposed. Returns the state from before that run (a stop brings it back), else the current one.
   */
  const abort = (cancelled: boolean | undefined): ImageGenerationRunState => {
    const ending = finish(cancelled);
    // Without a reason the signal carries the platform's AbortError, which is what callers check.
    ending?.controller.abort();
    return ending ? ending.before : host.current();
  };

  /** Aborts the pending run and commits `restore`, or the state from before that run. */
  const end = (restore: ImageGenerationRunState | undefined, silent: boolean): void => {
    const pending = active !== undefined;
    const before = abort(silent ? undefined : true);
    if (restore || pending) host.commit(restore ?? before, false, silent);
  };

  return {
    busy: () => active !== undefined,
    start: async (plan) => {
      // Latest wins: a stop of this run brings back the state from before the superseded one.
      const before = abort(true);
      const id = ++runCount;
      const controller = new AbortController();
      const run: ActiveRun = { id, key: plan.key, controller, before };
      active = run;
      const startedAt = plan.startedAt ?? Date.now();
      const estimate = host.progress();
      const expectedMs = estimate?.expectedMs(plan.body);
      host.commit(startedRun(plan.variables, startedAt, expectedMs, plan.startedAt !== undefined));
      if (estimate && expectedMs !== undefined) {
        run.stopProgress = estimate.track(startedAt, expectedMs, (elapsedMs, progress) =>
          host.commit(tickedRun(host.current(), elapsedMs, progress)),
        );
      }

      let result: ImageGenerationResult;
      try {
        result = await plan.call({
          signal: controller.signal,
          onRetry: () => {
            if (isCurrent(id)) host.commit(retriedRun(host.current()));
          },
        });
      } catch (caught) {
        if (!isCurrent(id)) throw controller.signal.reason ?? caught;
        finish(false);
        const error = toTokenHubError(caught);
        host.commit(failedRun(host.current(), error, Date.now()));
        host.settled({ error }, plan.variables);
        throw error;
      }
      if (!isCurrent(id)) throw abortReason(controller.signal);
      finish(false);
      const receivedAt = Date.now();
      host.keep(result, plan.body, receivedAt);
      host.commit(succeededRun(host.current(), result, receivedAt), true);
      host.settled({ data: result }, plan.variables);
      return result;
    },
    refuse: (variables, error) => {
      host.commit(refusedRun(abort(true), error, variables));
      host.settled({ error }, variables);
    },
    stop: () => end(undefined, false),
    reset: () => end(idleRunState, false),
    dispose: () => end(undefined, true),
  };
}
