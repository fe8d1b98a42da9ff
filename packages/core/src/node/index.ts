/**
 * Node preset of the TokenHub client: an undici keep-alive transport and `createTokenHubClient`
 * using it by default.
 * @packageDocumentation
 */
export type {
  GenerateImagesOptions,
  TokenHubClient,
  TokenHubClientOptions,
} from '../client/client.js';
export type {
  LogLevel,
  RequestEvent,
  ResponseEvent,
  RetryEvent,
  TokenHubClientObservers,
  TokenHubLogger,
} from '../client/observe.js';
export { createNodeTokenHubClient, createTokenHubClient } from './client.js';
export { createNodeFetch, type NodeFetch, type NodeFetchOptions } from './fetch.js';
export { type FileImageStoreOptions, fileImageStore } from './file-image-store.js';
export {
  type DownloadFailureReason,
  type FilenameInfo,
  type SavedImage,
  type SaveImageError,
  type SaveImageOutcome,
  type SaveImagesInput,
  type SaveImagesOptions,
  type SaveProgress,
  saveImages,
  saveImagesSettled,
  TokenHubDownloadError,
  TokenHubImageExpiredError,
} from './save-images.js';
