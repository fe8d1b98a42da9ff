/**
 * Reads the pixel size of an encoded image from its header bytes, without decoding it.
 * Pure functions over bytes; each returns `undefined` when the bytes are not that format or are cut
 * short, so callers can try them in turn.
 */

/** The formats the gateway accepts as input images. */
export type ImageFormat = 'png' | 'jpeg' | 'webp' | 'bmp';

/** Width and height in pixels, plus the format they were read from. */
export interface ImageDimensions {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** The container format that was recognised. */
  format: ImageFormat;
}

function u16be(bytes: Uint8Array, at: number): number {
  return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
}

function u32be(bytes: Uint8Array, at: number): number {
  return u16be(bytes, at) * 0x10000 + u16be(bytes, at + 2);
}

function u16le(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function u24le(bytes: Uint8Array, at: number): number {
  return u16le(bytes, at) | ((bytes[at + 2] ?? 0) << 16);
}

function i32le(bytes: Uint8Array, at: number): number {
  return u16le(bytes, at) | (u16le(bytes, at + 2) << 16);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function positive(width: number, height: number, format: ImageFormat): ImageDimensions | undefined {
  return width > 0 && height > 0 ? { width, height, format } : undefined;
}

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the IHDR chunk right after the 8-byte signature holds width and height (big-endian). */
export function parsePngDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 24 || !pngSignature.every((value, index) => bytes[index] === value)) {
    return undefined;
  }
  if (ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  return positive(u32be(bytes, 16), u32be(bytes, 20), 'png');
}

/** JPEG start-of-frame markers that carry the frame size (SOF0..SOF15 minus DHT, JPG and DAC). */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** JPEG: walk the marker segments up to the first SOFn, which holds height then width. */
export function parseJpegDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 3 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      // Fill byte before a marker.
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      // Standalone markers without a length.
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image or scan data before a frame
    const length = u16be(bytes, at + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) return undefined;
      return positive(u16be(bytes, at + 7), u16be(bytes, at + 5), 'jpeg');
    }
    at += 2 + length;
  }
  return undefined;
}

/**
 * WebP: a RIFF container whose first chunk is `VP8 ` (lossy), `VP8L` (lossless) or `VP8X`
 * (extended, with the canvas size).
 */
export function parseWebpDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 30 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') {
    return undefined;
  }
  const chunk = ascii(bytes, 12, 4);
  const data = 20;
  if (chunk === 'VP8 ') {
    // 3-byte frame tag, then the start code 9d 01 2a, then 14-bit width and height.
    if (bytes[data + 3] !== 0x9d || bytes[data + 4] !== 0x01 || bytes[data + 5] !== 0x2a) {
      return undefined;
    }
    return positive(u16le(bytes, data + 6) & 0x3fff, u16le(bytes, data + 8) & 0x3fff, 'webp');
  }
  if (chunk === 'VP8L') {
    // Signature 0x2f, then 14 bits width-1 and 14 bits height-1, little-endian bit order.
    if (bytes[data] !== 0x2f) return undefined;
    const bits = (u16le(bytes, data + 1) | (u16le(bytes, data + 3) << 16)) >>> 0;
    return positive((bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1, 'webp');
  }
  if (chunk === 'VP8X') {
    // 1 byte flags, 3 reserved, then 24-bit canvas width-1 and height-1.
    return positive(u24le(bytes, data + 4) + 1, u24le(bytes, data + 7) + 1, 'webp');
  }
  return undefined;
}

/** BMP: the DIB header after the 14-byte file header; OS/2 core headers use 16-bit sizes. */
export function parseBmpDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  if (bytes.length < 26 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return undefined;
  const headerSize = i32le(bytes, 14);
  if (headerSize === 12) return positive(u16le(bytes, 18), u16le(bytes, 20), 'bmp');
  if (headerSize < 40) return undefined;
  // A negative height means a top-down bitmap; the size is its absolute value.
  return positive(Math.abs(i32le(bytes, 18)), Math.abs(i32le(bytes, 22)), 'bmp');
}

/** Tries every supported format; `undefined` when none recognises the bytes. */
export function readImageDimensions(bytes: Uint8Array): ImageDimensions | undefined {
  return (
    parsePngDimensions(bytes) ??
    parseJpegDimensions(bytes) ??
    parseWebpDimensions(bytes) ??
    parseBmpDimensions(bytes)
  );
}
