import type {
  ImageModelV3,
  ImageModelV3CallOptions,
  ImageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider';
import type { FetchFunction } from '@ai-sdk/provider-utils';
import {
  createTokenHubClient,
  type ImageGenerationResult,
  type ModelRegistry,
  type ModelRules,
  resolveModelRules,
  TokenHubNoImageError,
} from '@tokenhub/image-core';
import { toAPICallError } from './api-call-error.js';
import { downloadImages } from './download-images.js';
import type { TokenHubImageModelId } from './image-model-id.js';
import { planImageRequest } from './image-request.js';
import { parseTokenHubOptions } from './provider-options.js';
import { checkImageRequest } from './validation.js';

/** Settings of one image model, fixed when it is created. */
export interface TokenHubImageModelSettings {
  /**
   * An image-set model: `enable_sequential` is on unless `providerOptions.tokenhub.sequential` is
   * `false`, and `maxImagesPerCall` is the model's image-set limit (12 on wan2.7), so
   * `generateImage({ n: 12 })` asks for ONE coherent set instead of three sets of 4.
   */
  sequential?: boolean;
}

/** What a model needs from its provider (internal). */
export interface TokenHubImageModelConfig {
  /** Provider name for logs, `tokenhub.image`. */
  provider: string;
  /** Gateway origin or same-origin proxy path, no trailing slash. */
  baseURL: string;
  /** Resolves the key at call time; undefined for a same-origin proxy. */
  apiKey: () => string | undefined;
  /** Headers for every call. */
  headers: Record<string, string> | undefined;
  /** The `fetch` for the call and the downloads. */
  fetch: FetchFunction | undefined;
  /** Model rules for validation. */
  registry: ModelRegistry | undefined;
}

/**
 * A TokenHub image model for the AI SDK (`ImageModelV3`). Each call is built with the core's
 * builder, validated with the model's rules before anything is sent, sent once (the AI SDK retries),
 * and its images are downloaded at once.
 */
export class TokenHubImageModel implements ImageModelV3 {
  /** The AI SDK image model interface this class implements. */
  readonly specificationVersion = 'v3';
  /**
   * The model's rules in the core, when the core knows the model. Not an ECMAScript `#private`
   * field: ai 7 calls a v3 model through a Proxy, which cannot read those.
   */
  private readonly rules: ModelRules | undefined;
  /**
   * Keys of attempts that failed and will be retried, by call and by `n`. `generateImage` retries by
   * calling `doGenerate` again with a new options object but the same `headers` object (made once
   * per `generateImage` call, in ai 6 and 7). A retry under a new `Idempotency-Key` would be a
   * second paid generation wherever the key dedupes (the kit's proxy); under the failed attempt's
   * key, the proxy joins the call still running or replays its answer. Calls of one
   * `generateImage` that run at the same time (a large `n` split over `maxImagesPerCall`) are
   * separate generations: a retry starts only after its attempt failed, so an attempt takes a
   * failed attempt's key, else a new one.
   */
  private readonly failedKeys = new WeakMap<object, string[][]>();

  /** Use `tokenhub.image(modelId)`. */
  constructor(
    /** The model id as given, e.g. `wan2.7-image-pro` or `alibaba/wan2.7-image-pro`. */
    readonly modelId: TokenHubImageModelId,
    private readonly settings: TokenHubImageModelSettings,
    private readonly config: TokenHubImageModelConfig,
  ) {
    this.rules = resolveModelRules(modelId, config.registry);
  }

  /** Provider name for logs. */
  get provider(): string {
    return this.config.provider;
  }

  /**
   * Most images per call: the model's `n` limit (4 on wan2.7 and wan2.6; 12 for an image-set
   * model), so `generateImage` splits a larger `n` itself. Undefined for a model the core does not
   * know (the AI SDK then sends one image per call).
   */
  get maxImagesPerCall(): number | undefined {
    const n = this.rules?.n;
    return this.settings.sequential ? (n?.sequentialMax ?? n?.max) : n?.max;
  }

  /** Generates images; see the package README for the mapping, warnings and errors. */
  async doGenerate(
    call: ImageModelV3CallOptions,
  ): Promise<Awaited<ReturnType<ImageModelV3['doGenerate']>>> {
    const options = parseTokenHubOptions(call.providerOptions);
    const plan = planImageRequest(
      this.modelId,
      call,
      options,
      this.rules,
      this.settings.sequential === true,
    );
    const body = plan.builder.toBody();
    const warnings: SharedV3Warning[] = [
      ...plan.warnings,
      ...checkImageRequest(body, this.config.registry, plan.sizeSource),
    ];

    const apiKey = this.config.apiKey();
    const fetchFunction = this.config.fetch ?? globalThis.fetch;
    let responseHeaders: Record<string, string> | undefined;
    const client = createTokenHubClient({
      apiKey,
      baseURL: this.config.baseURL,
      headers: this.config.headers,
      registry: this.config.registry,
      // The AI SDK retries (generateImage's maxRetries); retrying here too would multiply attempts.
      maxRetries: 0,
      fetch: async (url, init) => {
        const response = await fetchFunction(url, init);
        responseHeaders = scrubbedHeaders(response.headers, apiKey);
        return response;
      },
    });

    const failed = (call.headers && this.failedKeys.get(call.headers)) || [];
    if (call.headers) this.failedKeys.set(call.headers, failed);
    const idempotencyKey = failed[call.n]?.pop() ?? globalThis.crypto.randomUUID();
    let result: ImageGenerationResult;
    try {
      result = await client.generateImages(body, {
        signal: call.abortSignal,
        // The core skips headers whose value is undefined. A key of the caller's own (an
        // `Idempotency-Key` in `headers`, any case) comes later and wins.
        headers: { 'idempotency-key': idempotencyKey, ...call.headers } as Record<string, string>,
      });
    } catch (error) {
      if (TokenHubNoImageError.isInstance(error)) {
        // An answer without images (moderation, usually): the AI SDK reports NoImageGeneratedError.
        return {
          images: [],
          isRetryable: false,
          warnings: [...warnings, { type: 'other', message: error.message }],
          response: this.response(responseHeaders),
        };
      }
      const failure = toAPICallError(error, {
        url: `${client.baseURL}/v1/images/generations`,
        requestBody: body,
        responseHeaders,
      });
      if ((failure as { isRetryable?: boolean }).isRetryable === true) {
        failed[call.n] = [...(failed[call.n] ?? []), idempotencyKey];
      }
      throw failure;
    }

    const images = await downloadImages(
      result.images.map((image) => image.url),
      fetchFunction,
      result.requestId,
      call.abortSignal,
    );
    const usage = readUsage(result.raw);
    return {
      images,
      warnings,
      providerMetadata: {
        tokenhub: {
          images: result.images.map((image) => ({
            url: image.url,
            expiresAt: image.expiresAt?.toISOString() ?? null,
            requestId: result.requestId ?? null,
            size: result.usage.size ?? null,
          })),
        },
      },
      response: this.response(responseHeaders),
      ...(usage ? { usage } : {}),
    };
  }

  private response(headers: Record<string, string> | undefined) {
    return { timestamp: new Date(), modelId: this.modelId, headers };
  }
}

function scrubbedHeaders(headers: Headers, apiKey: string | undefined): Record<string, string> {
  const record: Record<string, string> = {};
  headers.forEach((value, name) => {
    record[name] = apiKey ? value.split(apiKey).join('[redacted]') : value;
  });
  return record;
}

/** Token counts when the gateway reports them (`usage.input_tokens`, ...); images are billed per image. */
function readUsage(raw: unknown): ImageModelV3Usage | undefined {
  const usage = (raw as { usage?: Record<string, number | undefined> } | null)?.usage;
  return typeof usage?.total_tokens === 'number'
    ? {
        inputTokens: usage.input_tokens,
        outputTokens: usage.output_tokens,
        totalTokens: usage.total_tokens,
      }
    : undefined;
}
