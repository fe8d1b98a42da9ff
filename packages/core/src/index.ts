/**
 * `@tokenhub/image-core`: build, validate and send image requests to TokenHub. Browser-safe: no
 * Node built-ins here (Node-only code lives in `@tokenhub/image-core/node` and `/server`).
 * @packageDocumentation
 */

export {
  type ImageOptions,
  ImageRequestBuilder,
  imageRequest,
  isImageRequestBuilder,
} from './builder.js';
export {
  createTokenHubClient,
  type GenerateImagesOptions,
  type TokenHubClient,
  type TokenHubClientOptions,
} from './client/client.js';
export type { FetchFunction, FetchRequestInit, FetchResponse } from './client/fetch-types.js';
export type { GetGenerationOptions } from './client/kept-generation.js';
export type {
  LogLevel,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  TokenHubClientObservers,
  TokenHubLogger,
} from './client/observe.js';
export { type ParseImageResponseOptions, parseImageResponse } from './client/response.js';
export { computeBackoffMs, type RetryBackoffOptions } from './client/retry.js';
export { type CurlOptions, toCurl } from './curl.js';
export {
  type DownloadFailureReason,
  TokenHubDownloadError,
  TokenHubImageExpiredError,
} from './download-errors.js';
export {
  TokenHubAPIError,
  type TokenHubAPIErrorInit,
  TokenHubConnectionError,
  TokenHubError,
  TokenHubNoImageError,
  TokenHubTimeoutError,
  TokenHubValidationError,
} from './errors.js';
// Image headers and size spelling (issues 9 and 10).
export type { ByteSource } from './image/byte-source.js';
export { type ImageFormat, type ImageHeader, readImageHeader } from './image/header.js';
export { readExpiresAt } from './shared/expiry.js';
export { DEFAULT_BASE_URL, GENERATIONS_PATH } from './shared/gateway.js';
export { isRetryableStatus } from './shared/retryable-status.js';
export { MAX_SEED } from './shared/seed.js';
export {
  createImageCache,
  createImageGenerationStore,
  createInFlightJournal,
  type EstimateProgressOptions,
  estimateProgress,
  type ImageBytesCache,
  type ImageCache,
  type ImageCacheHistory,
  type ImageCacheKeeper,
  type ImageGenerationCallOptions,
  type ImageGenerationClient,
  type ImageGenerationState,
  type ImageGenerationStatus,
  type ImageGenerationStore,
  type ImageGenerationStoreOptions,
  type ImageHistoryEntry,
  type ImageHistoryRecord,
  type ImageHistoryStorage,
  type IndexedDBImageCacheOptions,
  type InFlightJournal,
  type InFlightRun,
  type InFlightSlot,
  indexedDBImageCache,
  type KeptBytesStatus,
  type LocalStorageAdapterOptions,
  localStorageAdapter,
  type ProgressEstimate,
  type ResumableRun,
} from './store/index.js';
export type {
  Box,
  ContentItem,
  GeneratedImage,
  ImageContent,
  ImageGenerationResult,
  ImageRequestBody,
  ImageRequestInput,
  ImageRequestMessage,
  ImageRequestParameters,
  ImageRequestSource,
  ImageUsage,
  TextContent,
} from './types.js';
export { builtinModelRules } from './validation/builtin-rules.js';
export {
  checkImageSource,
  DATA_URI_IMAGE_TYPES,
  type ImageSourceCheck,
  type ImageSourceKind,
} from './validation/image-source.js';
export type { ValidationIssue, ValidationResult } from './validation/issue.js';
export {
  defineModelRules,
  type ModelRules,
  type OptionalParameter,
  type Range,
  type RuleContext,
  type RuleFinding,
  type SizeRules,
} from './validation/model-rules.js';
export type {
  ImageModelCount,
  ImageModelSize,
  KnownImageModel,
  ModelRequestBuilder,
  PixelSize,
} from './validation/model-types.js';
export {
  bareModelName,
  createModelRegistry,
  defaultModelRegistry,
  type ModelRegistry,
  resolveModelRules,
} from './validation/registry.js';
export { normalizeSize, type ParsedSize, parseSize } from './validation/size.js';
export { type ValidateOptions, validateImageRequest } from './validation/validate.js';
