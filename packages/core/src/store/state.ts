import type { TokenHubError } from '../errors.js';
import type { GeneratedImage, ImageGenerationResult, ImageRequestInput } from '../types.js';
import type { ValidationIssue } from '../validation/issue.js';
import type { ImageHistoryEntry } from './history.js';

/** Where a generation stands. */
export type ImageGenerationStatus = 'idle' | 'pending' | 'success' | 'error';

/** Everything a generation shows: the current or last run, the derived flags and the history. */
export interface ImageGenerationState {
  /** `idle` before any run and after `reset`, `pending` while a request runs, then `success` or `error`. */
  readonly status: ImageGenerationStatus;
  /** The result of the last successful run; `undefined` while pending, after an error or reset. */
  readonly data: ImageGenerationResult | undefined;
  /** The error of the last failed run (always a `TokenHubError`); `undefined` otherwise. */
  readonly error: TokenHubError | undefined;
  /** The request of the current or last run, as given (builder or body). */
  readonly variables: ImageRequestInput | undefined;
  /** When the current or last run started, epoch milliseconds. */
  readonly startedAt: number | undefined;
  /**
   * Milliseconds since `startedAt`: final once settled; while pending it moves 4 times a second
   * with the `progress` option (`estimateProgress()`), else it stays 0.
   */
  readonly elapsedMs: number;
  /** Which HTTP attempt is running or ran last: 1, plus one per retry the client made. 0 before any run. */
  readonly attempt: number;
  /**
   * An ESTIMATE in [0, 1) of how far the request is, from the typical latency of the scenario
   * (`expectedMs`), with the `progress` option (`estimateProgress()`); the gateway reports no real
   * progress. It is 1 only after a success, 0 when idle, after an error and, without the option,
   * while pending.
   */
  readonly progress: number;
  /**
   * The duration the progress estimate assumes for the current or last run, in milliseconds;
   * `undefined` without the `progress` option.
   */
  readonly expectedMs: number | undefined;
  /**
   * True for a run that was in flight when the page went away (a reload, a closed tab) and is
   * picked up again by its `Idempotency-Key`: `status` is `'pending'` until its answer lands in
   * `data` and in the history. Its `variables` hold only what was kept of it: model and prompt.
   */
  readonly resumed: boolean;
  /** `status === 'idle'`. */
  readonly isIdle: boolean;
  /** `status === 'pending'`. */
  readonly isPending: boolean;
  /** `status === 'success'`. */
  readonly isSuccess: boolean;
  /** `status === 'error'`. */
  readonly isError: boolean;
  /** Shortcut for `data?.images ?? []`. */
  readonly images: readonly GeneratedImage[];
  /**
   * Shortcut for `data?.warnings ?? []`: the validation warnings of the request that produced `data`
   * (e.g. `unsupported-parameter`), the request was sent anyway.
   */
  readonly warnings: readonly ValidationIssue[];
  /** The last successful results, newest first, each with `expiresAt` and `isExpired`. */
  readonly history: readonly ImageHistoryEntry[];
}

/** The fields derived from the run state (and the history, which the store keeps apart). */
type DerivedField =
  | 'isIdle'
  | 'isPending'
  | 'isSuccess'
  | 'isError'
  | 'images'
  | 'warnings'
  | 'history';

/** The part of the state that belongs to the current or last run: what a run transition changes. */
export type ImageGenerationRunState = Omit<ImageGenerationState, DerivedField>;

const noImages: readonly GeneratedImage[] = Object.freeze([]);
const noWarnings: readonly ValidationIssue[] = Object.freeze([]);

/** The run state before any run. */
export const idleRunState: ImageGenerationRunState = Object.freeze({
  status: 'idle',
  data: undefined,
  error: undefined,
  variables: undefined,
  startedAt: undefined,
  elapsedMs: 0,
  attempt: 0,
  progress: 0,
  expectedMs: undefined,
  resumed: false,
});

/**
 * The full state for a run state and a history. The only place the status flags, `images` and
 * `warnings` are derived, so they can never disagree with `status` and `data`.
 */
export function deriveGenerationState(
  run: ImageGenerationRunState,
  history: readonly ImageHistoryEntry[],
): ImageGenerationState {
  return {
    ...run,
    isIdle: run.status === 'idle',
    isPending: run.status === 'pending',
    isSuccess: run.status === 'success',
    isError: run.status === 'error',
    images: run.data?.images ?? noImages,
    warnings: run.data?.warnings ?? noWarnings,
    history,
  };
}

/** Whether two run states hold the same values (a commit of an equal state changes nothing). */
export function sameRunState(a: ImageGenerationRunState, b: ImageGenerationRunState): boolean {
  return (Object.keys(a) as Array<keyof ImageGenerationRunState>).every((key) => a[key] === b[key]);
}
