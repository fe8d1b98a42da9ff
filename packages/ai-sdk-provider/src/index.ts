/**
 * `@tokenhub/ai-sdk-provider`: TokenHub's image models for the Vercel AI SDK's `generateImage`:
 * text-to-image, editing with reference images, interactive editing with boxes and image sets,
 * each request validated with the model's rules before it is sent.
 * @packageDocumentation
 */

export { type SizeTier, sizeForAspectRatio } from './aspect-ratio.js';
export type { KnownImageModelId, TokenHubImageModelId } from './image-model-id.js';
export { type TokenHubImageOptions, tokenHubImageOptionsSchema } from './provider-options.js';
export {
  TokenHubImageModel,
  type TokenHubImageModelConfig,
  type TokenHubImageModelSettings,
} from './tokenhub-image-model.js';
export {
  createTokenHub,
  type TokenHubProvider,
  type TokenHubProviderSettings,
  tokenhub,
} from './tokenhub-provider.js';
