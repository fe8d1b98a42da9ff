import { NoSuchModelError, type ProviderV3 } from '@ai-sdk/provider';
import { type FetchFunction, loadApiKey, withoutTrailingSlash } from '@ai-sdk/provider-utils';
import { DEFAULT_BASE_URL, type ModelRegistry } from '@tokenhub/image-core';
import type { TokenHubImageModelId } from './image-model-id.js';
import { TokenHubImageModel, type TokenHubImageModelSettings } from './tokenhub-image-model.js';

/** Options of {@link createTokenHub}. */
export interface TokenHubProviderSettings {
  /**
   * TokenHub API key. Default: the `TOKENHUB_API_KEY` environment variable, read when a model is
   * first called. Not needed (and never read) when `baseURL` is a same-origin path such as
   * `/api/tokenhub`, where the proxy adds the key on the server.
   */
  apiKey?: string;
  /** Gateway origin, or a same-origin proxy path such as `/api/tokenhub`. Default `https://tokenhub.link`. */
  baseURL?: string;
  /** Headers sent with every generation call (not with the image downloads). */
  headers?: Record<string, string>;
  /** The `fetch` for the calls and the image downloads, e.g. for tests or a custom agent. */
  fetch?: FetchFunction;
  /** Model rules for validation (`createModelRegistry()` from the core). Default: the built-in rules. */
  registry?: ModelRegistry;
}

/** The TokenHub provider: image models only. */
export interface TokenHubProvider extends ProviderV3 {
  /** An image model for `generateImage`; `settings.sequential` makes it an image-set model. */
  image(modelId: TokenHubImageModelId, settings?: TokenHubImageModelSettings): TokenHubImageModel;
  /** Same as {@link TokenHubProvider.image}, under the AI SDK's provider-interface name. */
  imageModel(
    modelId: TokenHubImageModelId,
    settings?: TokenHubImageModelSettings,
  ): TokenHubImageModel;
}

/**
 * Creates a TokenHub provider for the AI SDK.
 *
 * @example
 * ```ts
 * import { generateImage } from 'ai';
 * import { createTokenHub } from '@tokenhub/ai-sdk-provider';
 *
 * const tokenhub = createTokenHub({ apiKey: process.env.TOKENHUB_API_KEY });
 * const { image } = await generateImage({ model: tokenhub.image('wan2.7-image-pro'), prompt: 'A red fox' });
 * ```
 */
export function createTokenHub(settings: TokenHubProviderSettings = {}): TokenHubProvider {
  const baseURL = withoutTrailingSlash(settings.baseURL) ?? DEFAULT_BASE_URL;
  // A same-origin path means a proxy that holds the key: nothing to load, and nothing to leak.
  const sameOrigin = baseURL.startsWith('/');
  const apiKey = (): string | undefined =>
    settings.apiKey !== undefined || !sameOrigin
      ? loadApiKey({
          apiKey: settings.apiKey,
          environmentVariableName: 'TOKENHUB_API_KEY',
          description: 'TokenHub',
        })
      : undefined;
  const image = (modelId: TokenHubImageModelId, modelSettings: TokenHubImageModelSettings = {}) =>
    new TokenHubImageModel(modelId, modelSettings, {
      provider: 'tokenhub.image',
      baseURL,
      apiKey,
      headers: settings.headers,
      fetch: settings.fetch,
      registry: settings.registry,
    });
  const noSuchModel =
    (modelType: 'languageModel' | 'embeddingModel') =>
    (modelId: string): never => {
      throw new NoSuchModelError({ modelId, modelType });
    };
  return {
    specificationVersion: 'v3',
    image,
    imageModel: image,
    languageModel: noSuchModel('languageModel'),
    embeddingModel: noSuchModel('embeddingModel'),
  };
}

/**
 * The default provider: `TOKENHUB_API_KEY` from the environment (read at the first call) and
 * `https://tokenhub.link`.
 */
export const tokenhub: TokenHubProvider = createTokenHub();
