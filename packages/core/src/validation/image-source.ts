/** What kind of image source a content item uses. */
export type ImageSourceKind = 'url' | 'data-uri' | 'invalid';

/** The image types a data URI may declare (JPEG, PNG, BMP, WEBP per the upstream rules). */
export const DATA_URI_IMAGE_TYPES = ['jpeg', 'png', 'bmp', 'webp'] as const;

const DATA_URI = /^data:image\/([a-z0-9.+-]+);base64,/i;

/** Result of checking one image source. */
export interface ImageSourceCheck {
  /** The kind of source. */
  kind: ImageSourceKind;
  /** Why it is invalid, when it is. */
  reason?: string;
  /** Decoded size in bytes for a data URI (estimated from the base64 length). */
  bytes?: number;
}

/**
 * Checks that an image source is an http(s) URL or a `data:image/{jpeg|png|bmp|webp};base64,` URI.
 * `file://`, `oss://`, `javascript:` and anything else cannot be fetched by the gateway.
 */
export function checkImageSource(source: string): ImageSourceCheck {
  const trimmed = source.trim();
  const dataUri = DATA_URI.exec(trimmed);
  if (dataUri) {
    const type = (dataUri[1] ?? '').toLowerCase();
    if (!(DATA_URI_IMAGE_TYPES as readonly string[]).includes(type)) {
      return {
        kind: 'invalid',
        reason: `data URI type image/${type} is not accepted; use ${DATA_URI_IMAGE_TYPES.map((t) => `image/${t}`).join(', ')}`,
      };
    }
    const payload = trimmed.length - dataUri[0].length;
    if (payload === 0) return { kind: 'invalid', reason: 'the data URI holds no image data' };
    return { kind: 'data-uri', bytes: base64DecodedBytes(trimmed, dataUri[0].length) };
  }
  if (/^data:/i.test(trimmed)) {
    return {
      kind: 'invalid',
      reason: 'a data URI must look like data:image/png;base64,... (an image type and base64)',
    };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    try {
      const url = new URL(trimmed);
      if (!url.hostname) return { kind: 'invalid', reason: 'the URL has no host' };
    } catch {
      return { kind: 'invalid', reason: 'not a valid URL' };
    }
    return { kind: 'url' };
  }
  const used = scheme ? `${scheme}:` : 'no scheme';
  return {
    kind: 'invalid',
    reason: `uses ${used}; only http(s) URLs and data:image/...;base64 URIs reach the gateway`,
  };
}

function base64DecodedBytes(uri: string, start: number): number {
  let end = uri.length;
  let padding = 0;
  while (end > start && uri[end - 1] === '=') {
    end--;
    padding++;
  }
  return Math.floor(((end - start + padding) * 3) / 4) - padding;
}
