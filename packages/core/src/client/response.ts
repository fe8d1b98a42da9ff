/**
 * Tolerant parsing of a successful generation response. Upstream models vary (qwen reports
 * `usage.width`/`height`, content items may lack `type`), so this reads what it knows, keeps the
 * whole JSON in `raw`, and fails only when there is no image at all.
 */
import { TokenHubNoImageError } from '../errors.js';
import { readExpiresAt } from '../shared/expiry.js';
import { isRecord, nonEmptyString } from '../shared/is-record.js';
import type { GeneratedImage, ImageGenerationResult, ImageUsage } from '../types.js';

// Kept until store/expiry.ts imports the reader from shared/expiry.ts (the store is another branch).
export { readExpiresAt };

type JsonRecord = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function finiteNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/**
 * An image of the answer. Its expiry comes from the signed link: `url` itself, or, when the kit's
 * proxy rewrote the link to its own origin (`rewriteImageURLs`), the original kept beside it.
 */
function toImage(url: string, choiceIndex: number, signedURL = url): GeneratedImage {
  const expiresAt = readExpiresAt(signedURL);
  return expiresAt ? { url, choiceIndex, expiresAt } : { url, choiceIndex };
}

function readImages(output: JsonRecord): GeneratedImage[] {
  const images: GeneratedImage[] = [];
  asArray(output.choices).forEach((choice, choiceIndex) => {
    if (!isRecord(choice) || !isRecord(choice.message)) return;
    for (const item of asArray(choice.message.content)) {
      // Items without `type` occur (qwen-image-edit); an explicit non-image type is skipped.
      if (!isRecord(item) || (item.type !== undefined && item.type !== 'image')) continue;
      const url = nonEmptyString(item.image);
      if (url) images.push(toImage(url, choiceIndex, nonEmptyString(item.upstream_image)));
    }
  });
  if (images.length === 0) {
    // The older asynchronous DashScope shape: `output.results[].url`.
    asArray(output.results).forEach((result, index) => {
      const url = isRecord(result) ? nonEmptyString(result.url) : undefined;
      if (url) images.push(toImage(url, index));
    });
  }
  return images;
}

function readUsage(value: unknown): ImageUsage {
  if (!isRecord(value)) return {};
  const usage: ImageUsage = {};
  const imageCount = finiteNumber(value.image_count);
  const width = finiteNumber(value.width);
  const height = finiteNumber(value.height);
  if (imageCount !== undefined) usage.imageCount = imageCount;
  if (width !== undefined) usage.width = width;
  if (height !== undefined) usage.height = height;
  const size = nonEmptyString(value.size);
  if (size) {
    usage.size = size;
  } else if (width !== undefined && height !== undefined) {
    usage.size = `${width}*${height}`;
  }
  return usage;
}

/** Options of {@link parseImageResponse}. */
export interface ParseImageResponseOptions {
  /** Request id from the `x-request-id` header, used when the body has no `request_id`. */
  requestId?: string | undefined;
  /** HTTP status, recorded on the error when there is no image. Default 200. */
  status?: number;
}

/**
 * Parses the JSON of a successful `POST /v1/images/generations` into an
 * {@link ImageGenerationResult}: every image of every choice in order (with `expiresAt` from the
 * signed URL when present), usage (`width`/`height` also give `size`), the request id (body
 * `request_id`, else `options.requestId`), `finished` (`output.finished`, default true) and the
 * JSON itself as `raw`.
 *
 * @throws {@link TokenHubNoImageError} when the response holds no image (for example empty
 * `choices`), carrying the request id and the body.
 */
export function parseImageResponse(
  json: unknown,
  options: ParseImageResponseOptions = {},
): ImageGenerationResult {
  const root = isRecord(json) ? json : {};
  const output = isRecord(root.output) ? root.output : {};
  const requestId = nonEmptyString(root.request_id) ?? options.requestId;
  const images = readImages(output);
  if (images.length === 0) {
    const message = nonEmptyString(output.message);
    throw new TokenHubNoImageError({
      status: options.status ?? 200,
      code: nonEmptyString(output.code),
      message: message ? `the response contained no image: ${message}` : undefined,
      requestId,
      body: json,
    });
  }
  return {
    images,
    usage: readUsage(root.usage),
    requestId,
    finished: typeof output.finished === 'boolean' ? output.finished : true,
    raw: json,
    warnings: [],
  };
}
