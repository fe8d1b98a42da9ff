/**
 * Decoding of `data:` URIs as used for input images.
 */

/** A decoded data URI. */
export interface DecodedDataUri {
  /** The media type, e.g. `image/png` (lower-cased; empty when absent). */
  mediaType: string;
  /** The payload bytes. */
  bytes: Buffer;
}

/** True when `source` is a `data:` URI (any media type). */
export function isDataUri(source: string): boolean {
  return source.slice(0, 5).toLowerCase() === 'data:';
}

/**
 * Decodes a `data:[<media type>][;base64],<data>` URI; `undefined` when it is not one.
 * Only base64 payloads are accepted for images, as upstream documents.
 */
export function decodeDataUri(source: string): DecodedDataUri | undefined {
  if (!isDataUri(source)) return undefined;
  const comma = source.indexOf(',');
  if (comma < 0) return undefined;
  const meta = source.slice(5, comma).split(';');
  if (!meta.slice(1).some((part) => part.trim().toLowerCase() === 'base64')) return undefined;
  const payload = source.slice(comma + 1).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(payload)) return undefined;
  return { mediaType: (meta[0] ?? '').trim().toLowerCase(), bytes: Buffer.from(payload, 'base64') };
}
