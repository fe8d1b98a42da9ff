/** `--image URL|PATH`: URLs and data URIs pass through; a local file becomes a data URI after checks. */
import { open, stat } from 'node:fs/promises';
import { type ImageFormat, readImageHeader } from '@tokenhub/image-core';
import { UsageError } from './usage-error.js';

/** Largest local image accepted (the upstream's per-image limit for wan2.7). */
export const MAX_LOCAL_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Detects the image format from the magic bytes, with the core's header reader (the one request
 * validation uses); undefined when it is none the gateway takes.
 */
export function sniffImageType(bytes: Uint8Array): ImageFormat | undefined {
  return readImageHeader(bytes)?.format;
}

/** Resolves one `--image` value to what goes into the request. */
export async function resolveImageInput(value: string): Promise<string> {
  if (/^https?:\/\//i.test(value) || /^data:/i.test(value)) return value;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new UsageError(
      '--image',
      `${value.split(':')[0]}:// sources are not usable through the gateway; pass an http(s) URL or a local file`,
    );
  }
  const info = await stat(value).catch(() => undefined);
  if (!info?.isFile())
    throw new UsageError('--image', `${value} is not a URL and no such file exists`);
  if (info.size > MAX_LOCAL_IMAGE_BYTES) {
    throw new UsageError(
      '--image',
      `${value} is ${info.size} bytes; the limit is ${MAX_LOCAL_IMAGE_BYTES} (20 MB)`,
    );
  }
  const file = await open(value, 'r');
  try {
    const bytes = await file.readFile();
    const type = sniffImageType(bytes);
    if (!type) throw new UsageError('--image', `${value} is not a JPEG, PNG, BMP or WEBP image`);
    return `data:image/${type};base64,${bytes.toString('base64')}`;
  } finally {
    await file.close();
  }
}
