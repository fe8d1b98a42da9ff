/**
 * Wire types of TokenHub's `POST /v1/images/generations` and the parsed result the client returns.
 * @packageDocumentation
 */

import type { ValidationIssue } from './validation/issue.js';

/** A box `[x1, y1, x2, y2]`: top-left then bottom-right corner, integer pixels of the ORIGINAL image. */
export type Box = [x1: number, y1: number, x2: number, y2: number];

/** A text item of the user message. */
export interface TextContent {
  /** The prompt text. */
  text: string;
}

/** An image item of the user message: an http(s) URL or a `data:image/...;base64,` URI. */
export interface ImageContent {
  /** The image source. */
  image: string;
}

/** One item of `input.messages[0].content`, in the order the prompt refers to ("image 1", "image 2", ...). */
export type ContentItem = TextContent | ImageContent;

/** A chat message of the request; the gateway expects exactly one `user` message. */
export interface ImageRequestMessage {
  /** Always `user` for image generation. */
  role: 'user';
  /** Text and image items, in call order. */
  content: ContentItem[];
}

/** Generation parameters. Known fields are typed; any other field passes through unchanged. */
export interface ImageRequestParameters {
  /** What to keep out of the image. wan2.7 ignores it (a warning). */
  negative_prompt?: string;
  /** A tier (`1K`, `2K`, `4K`) or an explicit `W*H` such as `1280*1280`. */
  size?: string;
  /** Number of images to generate. */
  n?: number;
  /** Let the model rewrite the prompt. wan2.7 ignores it (a warning). */
  prompt_extend?: boolean;
  /** Add a watermark to the output. */
  watermark?: boolean;
  /** Let the model reason before drawing (text-to-image only). */
  thinking_mode?: boolean;
  /** Boxes per input image, outer length = number of input images, `[]` for an image without boxes. */
  bbox_list?: Box[][];
  /** Group (image-set) generation: one coherent sequence of up to `n` images. */
  enable_sequential?: boolean;
  /** Seed for reproducible output, 0..2147483647. */
  seed?: number;
  /** Any other upstream parameter (for example `color_palette`). */
  [field: string]: unknown;
}

/** The JSON body sent to `POST /v1/images/generations`. */
export interface ImageRequestBody {
  /** Model name, bare (`wan2.7-image-pro`) or `provider/model` (`alibaba/wan2.7-image-pro`). */
  model: string;
  /** The multimodal input. */
  input: {
    /** A single user message. */
    messages: ImageRequestMessage[];
  };
  /** Generation parameters; omitted when empty. */
  parameters?: ImageRequestParameters;
}

/**
 * Anything that can turn itself into a request body without validating, such as the builder
 * returned by `imageRequest(model)`. Structural, so nothing depends on the builder module.
 */
export interface ImageRequestSource {
  /** The wire body, unvalidated (the client validates it once). */
  toBody(): ImageRequestBody;
}

/** What the client and the generation store accept: a built body or a {@link ImageRequestSource}. */
export type ImageRequestInput = ImageRequestBody | ImageRequestSource;

/** One generated image. */
export interface GeneratedImage {
  /** Signed URL of the PNG. It expires (about 24 hours upstream): save it in time. */
  url: string;
  /** Index of the choice the image came from. */
  choiceIndex: number;
  /** When the link stops working, read from the URL's `Expires` parameter when present. */
  expiresAt?: Date;
}

/** Usage as reported by the gateway; fields vary by model, so every one is optional. */
export interface ImageUsage {
  /** Number of images produced. */
  imageCount?: number;
  /** Actual output size as `W*H`; may differ slightly from the requested one. */
  size?: string;
  /** Output width when reported separately (qwen-image-edit). */
  width?: number;
  /** Output height when reported separately (qwen-image-edit). */
  height?: number;
}

/** The parsed result of a successful generation. */
export interface ImageGenerationResult {
  /** Every image of every choice, in order. */
  images: GeneratedImage[];
  /** Usage as reported. */
  usage: ImageUsage;
  /** The gateway's `request_id` (or `x-request-id` header), for support tickets. */
  requestId: string | undefined;
  /** `output.finished` when present, otherwise `true`. */
  finished: boolean;
  /** The response JSON exactly as received, including fields this kit does not know. */
  raw: unknown;
  /**
   * The validation warnings of the request that was sent (e.g. `unsupported-parameter`: a parameter
   * the model ignores); empty when there were none. `parseImageResponse` alone knows no request: `[]`.
   */
  warnings: ValidationIssue[];
}
