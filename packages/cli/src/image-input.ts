/** `--image URL|PATH`: URLs and data URIs pass through; a local file becomes a data URI after checks. */
import { open, stat } from 'node:fs/promises';
import { UsageError } from './usage-error.js';

/** Largest local image accepted (the upstream's per-image limit for wan2.7). */
export const MAX_LOCAL_IMAGE_BYTES = 20 * 1024 * 1024;

/** Detects the image format from the first bytes; undefined when it is none the gateway takes. */
export function sniffImageType(head: Uint8Array): 'png' | 'jpeg' | 'bmp' | 'webp' | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...head.subarray(from, to));
  if (head[0] === 0x89 && ascii(1, 4) === 'PNG') return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (ascii(0, 2) === 'BM') return 'bmp';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  return undefined;
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
    const type = sniffImageType(bytes.subarray(0, 16));
    if (!type) throw new UsageError('--image', `${value} is not a JPEG, PNG, BMP or WEBP image`);
    return `data:image/${type};base64,${bytes.toString('base64')}`;
  } finally {
    await file.close();
  }
}
