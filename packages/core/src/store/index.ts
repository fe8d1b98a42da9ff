/**
 * The framework-agnostic generation store behind `@tokenhub/image-react` (and future bindings).
 * An explicit list: the store's parts (history records, run transitions, expiry and progress
 * arithmetic) are internal, and tests import them from `src`.
 * @packageDocumentation
 */
export type { ImageGenerationCallOptions, ImageGenerationClient } from './client-contract.js';
export {
  type EstimateProgressOptions,
  estimateProgress,
  type ProgressEstimate,
} from './estimated-progress.js';
export { createImageGenerationStore, type ImageGenerationStore } from './generation-store.js';
export type { ImageHistoryEntry, ImageHistoryRecord, KeptBytesStatus } from './history.js';
export {
  createImageCache,
  type ImageBytesCache,
  type ImageCache,
  type ImageCacheHistory,
  type ImageCacheKeeper,
} from './image-cache.js';
export {
  createInFlightJournal,
  type InFlightJournal,
  type InFlightRun,
  type InFlightSlot,
  type ResumableRun,
} from './in-flight.js';
export { type IndexedDBImageCacheOptions, indexedDBImageCache } from './indexeddb-image-cache.js';
export type { ImageGenerationStoreOptions } from './options.js';
export type { ImageGenerationState, ImageGenerationStatus } from './state.js';
export {
  type ImageHistoryStorage,
  type LocalStorageAdapterOptions,
  localStorageAdapter,
} from './storage.js';
