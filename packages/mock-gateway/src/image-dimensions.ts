/**
 * The pixel size of an encoded image, read from its header by the core's reader (the one the
 * client's validation uses), so the mock and the client agree on every image.
 */
import { type ImageFormat, readImageHeader } from '@tokenhub/image-core';

export type { ImageFormat } from '@tokenhub/image-core';

/** Width and height in pixels, plus the format they were read from. */
export interface ImageDimensions {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The container format that was recognised. */
  format: ImageFormat;
}

/** The size of a PNG, JPEG, WebP or BMP; `undefined` when the bytes are none or are cut short. */
export function readImageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  const { format, width, height } = readImageHeader(bytes) ?? {};
  return format && width && height ? { width, height, format } : undefined;
}
