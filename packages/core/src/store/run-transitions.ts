/**
 * How a run moves through the state, as pure functions of the run state: started, ticked, retried,
 * succeeded, failed, refused. The run lifecycle decides WHEN each applies; these say WHAT changes.
 */
import type { TokenHubError } from '../errors.js';
import type { ImageGenerationResult, ImageRequestInput } from '../types.js';
import { type ImageGenerationRunState, idleRunState } from './state.js';

/** A run that has just started: pending, first attempt, no result yet. */
export function startedRun(
  variables: ImageRequestInput,
  startedAt: number,
  expectedMs: number | undefined,
  resumed = false,
): ImageGenerationRunState {
  return {
    ...idleRunState,
    status: 'pending',
    variables,
    startedAt,
    attempt: 1,
    expectedMs,
    resumed,
  };
}

/** The pending run with a new elapsed time and progress estimate. */
export function tickedRun(
  run: ImageGenerationRunState,
  elapsedMs: number,
  progress: number,
): ImageGenerationRunState {
  return { ...run, elapsedMs, progress };
}

/** The pending run after the client announced one more attempt. */
export function retriedRun(run: ImageGenerationRunState): ImageGenerationRunState {
  return { ...run, attempt: run.attempt + 1 };
}

/** The run that received its result at `receivedAt`. */
export function succeededRun(
  run: ImageGenerationRunState,
  data: ImageGenerationResult,
  receivedAt: number,
): ImageGenerationRunState {
  return {
    ...run,
    status: 'success',
    data,
    elapsedMs: receivedAt - (run.startedAt ?? receivedAt),
    progress: 1,
  };
}

/** The run that failed at `failedAt`. */
export function failedRun(
  run: ImageGenerationRunState,
  error: TokenHubError,
  failedAt: number,
): ImageGenerationRunState {
  return {
    ...run,
    status: 'error',
    error,
    elapsedMs: failedAt - (run.startedAt ?? failedAt),
    progress: 0,
  };
}

/**
 * A request refused before anything was sent: the state from before it keeps its result (bad input
 * loses nothing the user had) and only gains the error and the refused request.
 */
export function refusedRun(
  before: ImageGenerationRunState,
  error: TokenHubError,
  variables: ImageRequestInput,
): ImageGenerationRunState {
  return { ...before, status: 'error', error, variables, progress: 0 };
}
