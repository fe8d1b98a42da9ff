import { base64ByteSource } from '../image/byte-source.js';
import { type ImageHeader, readImageHeader } from '../image/header.js';

/** What kind of image source a content item uses. */
export type ImageSourceKind = 'url' | 'data-uri' | 'invalid';

/** The image types a data URI may declare (JPEG, PNG, BMP, WEBP per the upstream rules). */
export const DATA_URI_IMAGE_TYPES = ['jpeg', 'png', 'bmp', 'webp'] as const;

const DATA_URI = /^data:image\/([a-z0-9.+-]+);base64,/i;
// C0 controls, DEL and C1 controls never belong in a URL the gateway fetches.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Result of checking one image source. */
export interface ImageSourceCheck {
  /** The kind of source. */
  kind: ImageSourceKind;
  /** Why it is invalid, when it is. */
  reason?: string;
  /**
   * The rule an invalid source breaks: `image-source` (not a source the gateway can use) or
   * `image-data` (a data URI whose payload is not base64 or not the image type it declares).
   */
  rule?: 'image-source' | 'image-data';
  /** Decoded size in bytes for a data URI (estimated from the base64 length). */
  bytes?: number;
  /** What a data URI's header says (format, size, alpha), read without decoding the payload. */
  header?: ImageHeader;
}

const invalid = (reason: string, rule: ImageSourceCheck['rule'] = 'image-source') => ({
  kind: 'invalid' as const,
  reason,
  rule,
});

/**
 * Checks that an image source is an http(s) URL or a `data:image/{jpeg|png|bmp|webp};base64,` URI.
 * `file://`, `oss://`, `javascript:` and anything else cannot be fetched by the gateway. A data URI's
 * payload must be base64 of the type it declares; only its header and its end are decoded, so the
 * cost does not grow with the image.
 */
export function checkImageSource(source: string): ImageSourceCheck {
  // trim() returns the string itself when there is nothing to trim: no copy of a large data URI.
  if (source.trim() !== source) {
    return invalid('has leading or trailing whitespace; remove it');
  }
  const dataUri = DATA_URI.exec(source);
  if (dataUri) return checkDataUri(source, dataUri[0].length, (dataUri[1] ?? '').toLowerCase());
  if (/^data:/i.test(source)) {
    return invalid(
      'a data URI must look like data:image/png;base64,... (an image type and base64)',
    );
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(source)?.[1]?.toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    const control = CONTROL.exec(source);
    if (control) {
      return invalid(`has a control character at position ${control.index + 1}; remove it`);
    }
    try {
      if (!new URL(source).hostname) return invalid('the URL has no host');
    } catch {
      return invalid('not a valid URL');
    }
    return { kind: 'url' };
  }
  const used = scheme ? `${scheme}:` : 'no scheme';
  return invalid(
    `uses ${used}; only http(s) URLs and data:image/...;base64 URIs reach the gateway`,
  );
}

function checkDataUri(source: string, start: number, type: string): ImageSourceCheck {
  if (!(DATA_URI_IMAGE_TYPES as readonly string[]).includes(type)) {
    return invalid(
      `data URI type image/${type} is not accepted; use ${DATA_URI_IMAGE_TYPES.map((t) => `image/${t}`).join(', ')}`,
    );
  }
  if (source.length === start) return invalid('the data URI holds no image data');
  let header: ImageHeader | undefined;
  let length: number;
  try {
    const bytes = base64ByteSource(source, start);
    header = readImageHeader(bytes);
    length = bytes.length;
  } catch {
    // atob refused a group that was read: the header's, or the end's (length and padding).
    return invalid('is a data URI whose payload is not base64', 'image-data');
  }
  if (header?.format !== type) {
    const found = header
      ? `${header.format.toUpperCase()} bytes; declare data:image/${header.format}`
      : 'bytes of no PNG, JPEG, WebP or BMP image';
    return invalid(`is declared image/${type} but holds ${found}`, 'image-data');
  }
  return { kind: 'data-uri', bytes: length, header };
}
