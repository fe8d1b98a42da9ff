import { TokenHubValidationError } from './errors.js';
import { propertyOf } from './shared/is-record.js';
import type { Box, ContentItem, ImageRequestBody, ImageRequestParameters } from './types.js';
import type { ValidationResult } from './validation/issue.js';
import type { KnownImageModel, ModelRequestBuilder } from './validation/model-types.js';
import { normalizeSize } from './validation/size.js';
import { type ValidateOptions, validateImageRequest } from './validation/validate.js';

/** Options of `builder.image(src, options)`. */
export interface ImageOptions {
  /** Boxes on this image, `[x1, y1, x2, y2]` in integer pixels of the original image. */
  boxes?: readonly Box[];
}

type Item =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'image'; readonly src: string; readonly boxes: readonly Box[] };

interface BuilderState {
  readonly model: string;
  readonly items: readonly Item[];
  readonly parameters: Readonly<ImageRequestParameters>;
}

const brand = Symbol.for('tokenhub.image.request-builder');

/**
 * An immutable builder of an image request: every method returns a new builder, so a base request
 * can be shared and varied without surprises. Content items keep call order, which defines
 * "image 1, image 2, ..." in the prompt.
 */
export class ImageRequestBuilder {
  readonly #state: BuilderState;

  /** Use `imageRequest(model)`. */
  constructor(state: BuilderState) {
    this.#state = state;
    Object.defineProperty(this, brand, { value: true });
  }

  /** The model name this request targets. */
  get modelName(): string {
    return this.#state.model;
  }

  /** Returns a builder for another model with the same content and parameters. */
  model(model: string): ImageRequestBuilder {
    return this.#with({ model });
  }

  /** Appends a text item (the prompt). */
  text(text: string): ImageRequestBuilder {
    return this.#withItem({ kind: 'text', text });
  }

  /**
   * Appends an input image: an http(s) URL or a `data:image/...;base64,` URI, with optional boxes in
   * original pixels for interactive editing. `bbox_list` is assembled from the boxes of all images.
   */
  image(src: string, options: ImageOptions = {}): ImageRequestBuilder {
    return this.#withItem({ kind: 'image', src, boxes: [...(options.boxes ?? [])] });
  }

  /** Sets `negative_prompt` (what to keep out); `undefined` removes it. */
  negativePrompt(text: string | undefined): ImageRequestBuilder {
    return this.#withParameter('negative_prompt', text);
  }

  /**
   * Sets `size`: a tier (`1K`, `2K`, `4K`) or `W*H`; `undefined` removes it. Sizes written as other
   * SDKs do are turned into the gateway's syntax: `2048x2048` becomes `2048*2048`, `2k` becomes `2K`.
   */
  size(size: string | undefined): ImageRequestBuilder {
    return this.#withParameter('size', size === undefined ? size : normalizeSize(size));
  }

  /** Sets `n`, the number of images (a ceiling in sequential mode); `undefined` removes it. */
  n(count: number | undefined): ImageRequestBuilder {
    return this.#withParameter('n', count);
  }

  /** Sets `prompt_extend` (let the model rewrite the prompt). */
  promptExtend(enabled: boolean | undefined = true): ImageRequestBuilder {
    return this.#withParameter('prompt_extend', enabled);
  }

  /** Sets `watermark`. */
  watermark(enabled: boolean | undefined = true): ImageRequestBuilder {
    return this.#withParameter('watermark', enabled);
  }

  /** Sets `thinking_mode` (text-to-image only). */
  thinkingMode(enabled: boolean | undefined = true): ImageRequestBuilder {
    return this.#withParameter('thinking_mode', enabled);
  }

  /** Sets `enable_sequential`: group generation of a coherent set of up to `n` images. */
  sequential(enabled: boolean | undefined = true): ImageRequestBuilder {
    return this.#withParameter('enable_sequential', enabled);
  }

  /** Sets `seed` (an integer 0..2147483647); `undefined` removes it. */
  seed(seed: number | undefined): ImageRequestBuilder {
    return this.#withParameter('seed', seed);
  }

  /**
   * Merges any parameters, typed or not (e.g. `color_palette`), unchanged into `parameters`. A key
   * set to `undefined` is removed. Boxes given through `image()` take precedence over `bbox_list`.
   */
  parameters(parameters: ImageRequestParameters): ImageRequestBuilder {
    let next = this.#state.parameters;
    for (const [key, value] of Object.entries(parameters)) next = withKey(next, key, value);
    return this.#with({ parameters: next });
  }

  /** The wire body, without validation. */
  toBody(): ImageRequestBody {
    const { model, items, parameters } = this.#state;
    const content: ContentItem[] = items.map((item) =>
      item.kind === 'text' ? { text: item.text } : { image: item.src },
    );
    const images = items.filter((item) => item.kind === 'image');
    const hasBoxes = images.some((image) => image.boxes.length > 0);
    const merged: ImageRequestParameters = hasBoxes
      ? {
          // bbox_list first, as in the gateway's guide; one entry per image, [] for none.
          bbox_list: images.map((image) => image.boxes.map((box) => [...box] as Box)),
          ...withoutKey(parameters, 'bbox_list'),
        }
      : { ...parameters };
    const body: ImageRequestBody = { model, input: { messages: [{ role: 'user', content }] } };
    if (Object.keys(merged).length > 0) body.parameters = merged;
    return body;
  }

  /** Validates the request against the model's rules without throwing. */
  validate(options?: ValidateOptions): ValidationResult {
    return validateImageRequest(this.toBody(), options);
  }

  /** The wire body; throws `TokenHubValidationError` when the request breaks a rule. */
  build(options?: ValidateOptions): ImageRequestBody {
    const body = this.toBody();
    const result = validateImageRequest(body, options);
    if (!result.ok) throw new TokenHubValidationError(result.errors, result.warnings);
    return body;
  }

  /** A new builder with `change` applied to this one's state. */
  #with(change: Partial<BuilderState>): ImageRequestBuilder {
    return new ImageRequestBuilder({ ...this.#state, ...change });
  }

  #withItem(item: Item): ImageRequestBuilder {
    return this.#with({ items: [...this.#state.items, item] });
  }

  #withParameter(key: string, value: unknown): ImageRequestBuilder {
    return this.parameters({ [key]: value });
  }
}

function withKey(
  parameters: Readonly<ImageRequestParameters>,
  key: string,
  value: unknown,
): ImageRequestParameters {
  if (value === undefined) return withoutKey(parameters, key);
  return { ...parameters, [key]: value };
}

function withoutKey(
  parameters: Readonly<ImageRequestParameters>,
  key: string,
): ImageRequestParameters {
  const { [key]: _removed, ...rest } = parameters;
  return rest;
}

/**
 * Starts an image request for `model` (bare, like `wan2.7-image-pro`, or `provider/model`). Editors
 * complete the models the kit knows; any other name is accepted and checked for its shape only.
 * With a known model literal, `.size()` and `.n()` take only what the model accepts (see
 * {@link ModelRequestBuilder}).
 */
export function imageRequest<Model extends KnownImageModel | (string & {})>(
  model: Model,
): ModelRequestBuilder<Model> {
  return new ImageRequestBuilder({ model, items: [], parameters: {} });
}

/** True for a builder, also one made by another installed copy of this package. */
export function isImageRequestBuilder(value: unknown): value is ImageRequestBuilder {
  return propertyOf(value, brand) === true;
}
