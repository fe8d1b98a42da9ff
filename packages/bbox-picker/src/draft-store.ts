import type { Box } from './geometry/types';

/**
 * A one-value store for the box being dragged. The live box is rendered by a single subscriber
 * (the dragged box, or the box being drawn), so a frame of dragging re-renders one small
 * component whatever the number of boxes.
 */
export interface DraftStore {
  /** The current live box, or `null` when nothing is being dragged. */
  get: () => Box | null;
  /** Replaces the live box; subscribers are told only when an edge really changed. */
  set: (box: Box | null) => void;
  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
}

/** Creates an empty {@link DraftStore}. */
export function createDraftStore(): DraftStore {
  let value: Box | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(box) {
      if (box === value) return;
      if (box && value && box.every((edge, i) => edge === value?.[i])) return;
      value = box;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
