import type { ImageHistoryEntry } from './history.js';
import {
  deriveGenerationState,
  type ImageGenerationRunState,
  type ImageGenerationState,
  idleRunState,
  sameRunState,
} from './state.js';

/** The store's snapshot and its listeners: the one place a new snapshot is made and announced. */
export interface ObservableGenerationState {
  /** The state for server rendering: idle, no history. Never changes. */
  readonly serverSnapshot: ImageGenerationState;
  /** The current snapshot; the same object until something changes. */
  snapshot(): ImageGenerationState;
  /** The run part of the current snapshot. */
  run(): ImageGenerationRunState;
  /**
   * Replaces the run state and, when `history` is given, the history. Makes a new snapshot only
   * when something changed, then calls the listeners unless `silent`. Returns whether it changed.
   */
  set(
    run: ImageGenerationRunState,
    history?: readonly ImageHistoryEntry[],
    silent?: boolean,
  ): boolean;
  /** Registers a listener; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Whether anyone is listening. */
  observed(): boolean;
}

/** An idle state with an empty history and no listeners. */
export function createObservableState(): ObservableGenerationState {
  const listeners = new Set<() => void>();
  const serverSnapshot = deriveGenerationState(idleRunState, []);
  let snapshot = serverSnapshot;
  // Kept beside the snapshot so the run part never has to be picked out of it.
  let current = idleRunState;
  return {
    serverSnapshot,
    snapshot: () => snapshot,
    run: () => current,
    set: (run, history, silent = false) => {
      if (history === undefined && sameRunState(run, current)) return false;
      current = run;
      snapshot = deriveGenerationState(run, history ?? snapshot.history);
      if (!silent) for (const listener of [...listeners]) listener();
      return true;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    observed: () => listeners.size > 0,
  };
}
