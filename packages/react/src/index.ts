'use client';

/**
 * `@tokenhub/image-react`: `useImageGeneration` and `TokenHubProvider`, a thin React layer over the
 * core's framework-agnostic generation store.
 * @packageDocumentation
 */

export {
  createImageCache,
  createInFlightJournal,
  type EstimateProgressOptions,
  estimateProgress,
  type ImageBytesCache,
  type ImageCache,
  type ImageGenerationState,
  type ImageGenerationStatus,
  type ImageHistoryEntry,
  type ImageHistoryStorage,
  type ImageRequestInput,
  type IndexedDBImageCacheOptions,
  type InFlightJournal,
  type InFlightSlot,
  indexedDBImageCache,
  type KeptBytesStatus,
  localStorageAdapter,
  type ProgressEstimate,
} from '@tokenhub/image-core';
export { TokenHubProvider, type TokenHubProviderProps, useTokenHubClient } from './provider.js';
export {
  type UseImageGenerationOptions,
  type UseImageGenerationResult,
  useImageGeneration,
} from './use-image-generation.js';
