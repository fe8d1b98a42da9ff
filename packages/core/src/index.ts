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
  DEFAULT_BASE_URL,
  type GenerateImagesOptions,
  type ImageRequestSource,
  type RetryEvent,
  type TokenHubClient,
  type TokenHubClientOptions,
} from './client/client.js';
export type { FetchFunction, FetchRequestInit, FetchResponse } from './client/fetch-types.js';
export {
  type ParseImageResponseOptions,
  parseImageResponse,
  readExpiresAt,
} from './client/response.js';
export type { RetryBackoffOptions } from './client/retry.js';
export { type CurlOptions, toCurl } from './curl.js';
export {
  isRetryableStatus,
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
export {
  type DownloadFailureReason,
  TokenHubDownloadError,
  TokenHubImageExpiredError,
} from './node/save/errors.js';
export * from './store/index.js';
export type {
  Box,
  ContentItem,
  GeneratedImage,
  ImageContent,
  ImageGenerationResult,
  ImageRequestBody,
  ImageRequestMessage,
  ImageRequestParameters,
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
export { MAX_SEED, type ValidateOptions, validateImageRequest } from './validation/validate.js';
