/**
 * The framework-agnostic generation store behind `@tokenhub/image-react` (and future bindings).
 * @packageDocumentation
 */
export {
  DEFAULT_IMAGE_LINK_TTL_MS,
  expiresAtFromUrl,
  resultExpiresAt,
} from './expiry.js';
export {
  createImageGenerationStore,
  type ImageGenerationCallOptions,
  type ImageGenerationClient,
  type ImageGenerationStore,
  type ImageGenerationStoreOptions,
} from './generation-store.js';
export {
  createHistoryRecord,
  DEFAULT_HISTORY_SIZE,
  dropExpiredRecords,
  type ImageHistoryEntry,
  type ImageHistoryRecord,
  nextExpiry,
  prependHistoryRecord,
  toHistoryEntries,
} from './history.js';
export {
  estimateProgress,
  expectedLatencyMs,
  TYPICAL_SINGLE_IMAGE_MS,
} from './progress-estimate.js';
export type { ImageRequestBodySource, ImageRequestInput } from './request-input.js';
export {
  deriveGenerationState,
  type ImageGenerationRunState,
  type ImageGenerationState,
  type ImageGenerationStatus,
  idleRunState,
} from './state.js';
export {
  type ImageHistoryStorage,
  type LocalStorageAdapterOptions,
  localStorageAdapter,
  parseHistoryRecords,
} from './storage.js';
