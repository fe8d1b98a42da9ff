/**
 * Finds the pixel size of each input image: decoded from a data URI, or fetched from a loopback
 * URL. Other URLs are never fetched; for them (and unreachable loopback URLs) the size is assumed.
 */
import { decodeDataUri, isDataUri } from './data-uri.js';
import { type ImageDimensions, readImageDimensions } from './image-dimensions.js';
import { isLoopbackUrl } from './loopback.js';

/** Size assumed for an input image the mock cannot read. */
export const ASSUMED_INPUT_SIZE = { width: 1024, height: 1024 } as const;

/** The size of one input image and how it was found. */
export interface InputImageSize {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** `read` from the bytes, or `assumed` because they could not be fetched. */
  source: 'read' | 'assumed';
}

/** An input image that is a data URI but not a readable PNG, JPEG, WebP or BMP. */
export class UnreadableInputImageError extends Error {
  override readonly name = 'UnreadableInputImageError';

  /** @param index - 0-based position of the image among the input images. */
  constructor(readonly index: number) {
    super(`input image ${index + 1} is a data URI but not a readable png, jpeg, webp or bmp image`);
  }
}

// Image headers sit at the start; a JPEG's size may follow EXIF data, which stays well below this.
const maxHeaderBytes = 1024 * 1024;
const fetchTimeoutMs = 3000;

async function fetchLoopbackImage(url: string): Promise<ImageDimensions | undefined> {
  try {
    // `redirect: 'manual'`: a loopback server must not be able to send the mock elsewhere.
    const response = await fetch(url, {
      redirect: 'manual',
      signal: AbortSignal.timeout(fetchTimeoutMs),
    });
    if (!response.ok || !response.body) return undefined;
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        chunks.push(value);
        total += value.length;
        const dimensions = readImageDimensions(Buffer.concat(chunks));
        if (dimensions || total >= maxHeaderBytes) return dimensions;
      }
    } finally {
      // Stop the download once the header has been read.
      await reader.cancel().catch(() => undefined);
    }
  } catch {
    return undefined;
  }
}

/**
 * Resolves the size of every input image, in order.
 * @throws UnreadableInputImageError for a data URI whose bytes are no supported image.
 */
export async function resolveInputImageSizes(
  sources: readonly string[],
): Promise<InputImageSize[]> {
  return Promise.all(
    sources.map(async (source, index): Promise<InputImageSize> => {
      if (isDataUri(source)) {
        const decoded = decodeDataUri(source);
        const dimensions = decoded && readImageDimensions(decoded.bytes);
        if (!dimensions) throw new UnreadableInputImageError(index);
        return { width: dimensions.width, height: dimensions.height, source: 'read' };
      }
      const dimensions = isLoopbackUrl(source) ? await fetchLoopbackImage(source) : undefined;
      return dimensions
        ? { width: dimensions.width, height: dimensions.height, source: 'read' }
        : { ...ASSUMED_INPUT_SIZE, source: 'assumed' };
    }),
  );
}
