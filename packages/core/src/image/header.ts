import type { ByteSource } from './byte-source.js';

// Reads what an image's first bytes say (format, size, alpha) without decoding pixels. Every reader
// takes a `ByteSource`, so a data URI is decoded only where a header field sits: a JPEG's frame may
// follow 60 KB of EXIF, which is skipped segment by segment, never decoded.

/** The image formats the gateway accepts as data URIs. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'bmp';

/** What an image's header says. */
export interface ImageHeader {
  /** The format its magic bytes name. */
  format: ImageFormat;
  /** Width in pixels; absent when the header is cut short or unreadable. */
  width?: number;
  /** Height in pixels; absent when the header is cut short or unreadable. */
  height?: number;
  /** PNG: whether it has an alpha channel or a transparency (`tRNS`) chunk. */
  alpha?: boolean;
  /** JPEG: whether it is progressive (SOF2 and its kin). */
  progressive?: boolean;
}

// Headers sit within a few dozen chunks or segments; a file that needs more to reach its size is
// hostile or broken, and the walk stops so that reading stays cheap whatever the input.
const MAX_STEPS = 256;

/**
 * Reads the header of a PNG, JPEG, WebP or BMP image from its first bytes. Returns undefined when
 * the magic bytes name none of them; `width`/`height` are absent when the header is cut short.
 * Reads only header bytes, so it is cheap on a lazily decoded data URI of any size.
 */
export function readImageHeader(bytes: ByteSource): ImageHeader | undefined {
  // Numbers from bytes; a missing byte is NaN, so a size read past the end is NaN (and dropped).
  const u8 = (at: number) => (at < bytes.length ? (bytes.at(at) ?? Number.NaN) : Number.NaN);
  const be = (at: number, size: number): number =>
    size ? be(at, size - 1) * 256 + u8(at + size - 1) : 0;
  const le = (at: number, size: number): number => (size ? u8(at) + 256 * le(at + 1, size - 1) : 0);
  const text = (at: number, size: number) =>
    String.fromCharCode(...Array.from({ length: size }, (_, i) => u8(at + i)));
  const header = (format: ImageFormat, width = 0, height = 0, more?: Partial<ImageHeader>) =>
    ({ format, ...(width > 0 && height > 0 ? { width, height } : {}), ...more }) as ImageHeader;

  if (be(0, 4) === 0x89504e47 && be(4, 4) === 0x0d0a1a0a) {
    // PNG: IHDR holds size and colour type (4 and 6 carry alpha); a tRNS chunk before the pixels
    // adds alpha to the others.
    if (text(12, 4) !== 'IHDR') return header('png');
    let alpha = u8(25) === 4 || u8(25) === 6;
    for (let at = 8, step = 0; !alpha && step < MAX_STEPS && at < bytes.length; step++) {
      const type = text(at + 4, 4);
      if (type === 'IDAT' || type === 'IEND') break;
      alpha = type === 'tRNS';
      at += 12 + be(at, 4);
    }
    return header('png', be(16, 4), be(20, 4), { alpha });
  }
  if (be(0, 3) === 0xffd8ff) {
    // JPEG: walk the marker segments (skipping APPn such as EXIF) up to the first frame header.
    for (let at = 2, step = 0; step < MAX_STEPS && u8(at) === 0xff; step++) {
      const marker = u8(at + 1);
      if (marker === 0xd9 || marker === 0xda) break; // end of image, or scan data before a frame
      if (marker === 0xff)
        at += 1; // a fill byte before a marker
      else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7))
        at += 2; // no length
      else if (marker >= 0xc0 && marker <= 0xcf && (marker === 0xc0 || marker % 4 > 0)) {
        // SOFn (not DHT, JPG or DAC): precision, height, width. SOF2, 6, 10, 14 are progressive.
        return header('jpeg', be(at + 7, 2), be(at + 5, 2), { progressive: marker % 4 === 2 });
      } else at += 2 + Math.max(be(at + 2, 2), 2);
    }
    return header('jpeg');
  }
  if (text(0, 4) === 'RIFF' && text(8, 4) === 'WEBP') {
    // WebP: the first chunk is `VP8 ` (lossy), `VP8L` (lossless) or `VP8X` (extended canvas).
    const chunk = text(12, 4);
    if (chunk === 'VP8 ' && be(23, 3) === 0x9d012a) {
      return header('webp', le(26, 2) & 0x3fff, le(28, 2) & 0x3fff);
    }
    if (chunk === 'VP8L' && u8(20) === 0x2f) {
      const bits = le(21, 4); // 14 bits width-1, 14 bits height-1
      return header('webp', (bits % 0x4000) + 1, (Math.floor(bits / 0x4000) % 0x4000) + 1);
    }
    return chunk === 'VP8X' ? header('webp', le(24, 3) + 1, le(27, 3) + 1) : header('webp');
  }
  if (text(0, 2) === 'BM') {
    // BMP: the DIB header after the 14-byte file header; OS/2 core headers use 16-bit sizes, and a
    // negative height marks a top-down bitmap.
    if (le(14, 4) === 12) return header('bmp', le(18, 2), le(20, 2));
    return header('bmp', le(18, 4) | 0, Math.abs(le(22, 4) | 0));
  }
  return undefined;
}
